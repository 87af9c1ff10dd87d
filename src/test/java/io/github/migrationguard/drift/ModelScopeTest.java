package io.github.migrationguard.drift;

import static io.github.migrationguard.drift.DriftFixtures.column;
import static io.github.migrationguard.drift.DriftFixtures.in;
import static io.github.migrationguard.drift.DriftFixtures.index;
import static io.github.migrationguard.drift.DriftFixtures.model;
import static io.github.migrationguard.drift.DriftFixtures.table;
import static io.github.migrationguard.drift.DriftFixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.migrationguard.schema.SchemaModel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelScopeTest {

    private static final SchemaModel BOTH = model(List.of(table("users"), column("users", "id"), index("users_idx"),
            in("audit", table("log")), in("audit", column("log", "at")), in("audit", view("recent")),
            view("active")));

    @Test
    void keepsOnlyTheInspectedSchemas() {
        SchemaModel pub = ModelScope.restrict(BOTH, Set.of("public"));
        assertEquals(List.of("users"), pub.tables().stream().map(t -> t.name()).toList());
        assertEquals(List.of("active"), pub.views().stream().map(v -> v.name()).toList());
        assertEquals(1, pub.indexes().size());
        assertEquals(List.of("public"), pub.schemas().stream().map(s -> s.name()).toList());
        SchemaModel audit = ModelScope.restrict(BOTH, Set.of("audit"));
        assertEquals(List.of("log"), audit.tables().stream().map(t -> t.name()).toList());
        assertEquals(0, audit.indexes().size());
    }

    @Test
    void noSchemasMeansEverySchema() {
        assertSame(BOTH, ModelScope.restrict(BOTH, Set.of()));
        assertSame(BOTH, ModelScope.restrict(BOTH, null));
    }
}
