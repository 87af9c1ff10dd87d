package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A list that reports additions and removals, so that the model can keep its name lookups up to date. */
final class Tracked<E> extends ArrayList<E> {

    private final transient Consumer<E> added;
    private final transient Consumer<E> removed;

    Tracked(Consumer<E> added, Consumer<E> removed) {
        this.added = added;
        this.removed = removed;
    }

    @Override
    public boolean add(E e) {
        super.add(e);
        added.accept(e);
        return true;
    }

    @Override
    public void add(int index, E e) {
        super.add(index, e);
        added.accept(e);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        for (E e : c) {
            add(e);
        }
        return !c.isEmpty();
    }

    @Override
    public E set(int index, E e) {
        E old = super.set(index, e);
        removed.accept(old);
        added.accept(e);
        return old;
    }

    @Override
    public boolean remove(Object o) {
        int i = indexOf(o);
        if (i < 0) {
            return false;
        }
        remove(i);
        return true;
    }

    @Override
    public E remove(int index) {
        E old = super.remove(index);
        removed.accept(old);
        return old;
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        List<E> gone = new ArrayList<>();
        for (E e : this) {
            if (filter.test(e)) {
                gone.add(e);
            }
        }
        for (E e : gone) {
            remove(e);
        }
        return !gone.isEmpty();
    }

    @Override
    public void clear() {
        List<E> gone = new ArrayList<>(this);
        super.clear();
        gone.forEach(removed);
    }
}
