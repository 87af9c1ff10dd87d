package io.github.migrationguard.drift;

import io.github.migrationguard.schema.SchemaModel;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cuts an expected schema down to the schemas the live one was read from, so that objects of schemas nobody looked
 * at are not reported missing. Extensions are kept: the catalog reader lists all of them.
 */
final class ModelScope {

    private ModelScope() {
    }

    static SchemaModel restrict(SchemaModel m, Set<String> schemas) {
        if (schemas == null || schemas.isEmpty()) {
            return m;
        }
        Predicate<String> in = schemas::contains;
        return new SchemaModel(
                keep(m.schemas(), s -> in.test(s.name())),
                keep(m.tables(), t -> in.test(t.schema())),
                keep(m.constraints(), c -> in.test(c.table().schema())),
                keep(m.indexes(), i -> in.test(i.schema())),
                keep(m.sequences(), s -> in.test(s.schema())),
                keep(m.enums(), e -> in.test(e.schema())),
                keep(m.views(), v -> in.test(v.schema())),
                keep(m.functions(), f -> in.test(f.schema())),
                keep(m.triggers(), t -> in.test(t.table().schema())),
                keep(m.policies(), p -> in.test(p.table().schema())),
                m.extensions());
    }

    private static <T> List<T> keep(List<T> items, Predicate<T> test) {
        return items.stream().filter(test).toList();
    }
}
