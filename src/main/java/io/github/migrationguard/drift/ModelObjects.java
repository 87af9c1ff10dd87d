package io.github.migrationguard.drift;

import io.github.migrationguard.schema.Constraint;
import io.github.migrationguard.schema.EnumType;
import io.github.migrationguard.schema.Extension;
import io.github.migrationguard.schema.Function;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.Policy;
import io.github.migrationguard.schema.Schema;
import io.github.migrationguard.schema.SchemaModel;
import io.github.migrationguard.schema.Sequence;
import io.github.migrationguard.schema.Table;
import io.github.migrationguard.schema.Trigger;
import io.github.migrationguard.schema.View;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ObjectRef.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every object of a schema model as an {@link ObjectRef}, so that "is this object there?" is one hash lookup
 * whatever the size of the database. Functions are named without their arguments (any overload counts); types are
 * the enum types the model holds; an invalid index (left by a failed {@code CREATE INDEX CONCURRENTLY}) does not
 * count as there.
 */
final class ModelObjects {

    private final Set<ObjectRef> objects = new HashSet<>();
    private final Map<ObjectRef, ObjectRef> owners = new HashMap<>();

    ModelObjects(SchemaModel model) {
        for (Schema s : model.schemas()) {
            objects.add(new ObjectRef(Kind.SCHEMA, null, s.name(), null));
        }
        for (Extension e : model.extensions()) {
            objects.add(new ObjectRef(Kind.EXTENSION, null, e.name(), null));
        }
        for (Table t : model.tables()) {
            objects.add(new ObjectRef(Kind.TABLE, t.schema(), t.name(), null));
            t.columns().forEach(c -> objects.add(new ObjectRef(Kind.COLUMN, t.schema(), t.name(), c.name())));
        }
        for (Constraint c : model.constraints()) {
            objects.add(new ObjectRef(Kind.CONSTRAINT, c.table().schema(), c.table().name(), c.name()));
        }
        for (Index i : model.indexes()) {
            ObjectRef ref = new ObjectRef(Kind.INDEX, i.schema(), i.name(), null);
            if (i.valid()) {
                objects.add(ref);
            }
            if (i.table() != null) {
                owners.put(ref, new ObjectRef(Kind.TABLE, i.table().schema(), i.table().name(), null));
            }
        }
        for (Sequence s : model.sequences()) {
            ObjectRef ref = new ObjectRef(Kind.SEQUENCE, s.schema(), s.name(), null);
            objects.add(ref);
            if (s.ownedByTable() != null) {
                owners.put(ref, new ObjectRef(Kind.TABLE, s.ownedByTable().schema(), s.ownedByTable().name(), null));
            }
        }
        for (EnumType e : model.enums()) {
            objects.add(new ObjectRef(Kind.TYPE, e.schema(), e.name(), null));
        }
        for (View v : model.views()) {
            objects.add(new ObjectRef(v.materialized() ? Kind.MATERIALIZED_VIEW : Kind.VIEW, v.schema(), v.name(),
                    null));
        }
        for (Function f : model.functions()) {
            objects.add(new ObjectRef(Kind.FUNCTION, f.schema(), f.name(), null));
        }
        for (Trigger t : model.triggers()) {
            objects.add(new ObjectRef(Kind.TRIGGER, t.table().schema(), t.table().name(), t.name()));
        }
        for (Policy p : model.policies()) {
            objects.add(new ObjectRef(Kind.POLICY, p.table().schema(), p.table().name(), p.name()));
        }
    }

    /** True when the model has the object (a function under any argument list). */
    boolean contains(ObjectRef ref) {
        return objects.contains(normalized(ref));
    }

    /** True when the model has a table, view or materialized view of that name. */
    boolean containsRelation(String schema, String name) {
        return objects.contains(new ObjectRef(Kind.TABLE, schema, name, null))
                || objects.contains(new ObjectRef(Kind.VIEW, schema, name, null))
                || objects.contains(new ObjectRef(Kind.MATERIALIZED_VIEW, schema, name, null));
    }

    /**
     * The table an object belongs to: the table of a column, constraint, trigger or policy, of an index, or owning a
     * sequence (serial and identity columns); null for anything else.
     */
    ObjectRef ownerTable(ObjectRef ref) {
        if (ref.member() != null && ref.kind() != Kind.FUNCTION) {
            return new ObjectRef(Kind.TABLE, ref.schema(), ref.name(), null);
        }
        return owners.get(ref);
    }

    /** Every object of the model. */
    Set<ObjectRef> all() {
        return objects;
    }

    /**
     * Function refs compare by schema and name only: an argument list, whether it comes as the member or appended to
     * the name the way replay and the schema diff write it ({@code touch(integer)}), is left out.
     */
    static ObjectRef normalized(ObjectRef ref) {
        if (ref.kind() != Kind.FUNCTION) {
            return ref;
        }
        String name = ObjectRef.withoutArguments(ref.name());
        return ref.member() == null && name.equals(ref.name()) ? ref
                : new ObjectRef(Kind.FUNCTION, ref.schema(), name, null);
    }

}
