package io.github.migrationguard.schema.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what one migration creates, drops and needs, while it is replayed. */
final class Effects {

    private final String script;
    private final Set<ObjectRef> creates = new LinkedHashSet<>();
    private final Set<ObjectRef> drops = new LinkedHashSet<>();
    private final Set<ObjectRef> references = new LinkedHashSet<>();
    private final List<String> notReplayed = new ArrayList<>();

    Effects(String script) {
        this.script = script;
    }

    void created(ObjectRef ref) {
        creates.add(ref);
        drops.remove(ref);
    }

    /** An object this migration drops or renames away; one it created itself is simply no longer created. */
    void dropped(ObjectRef ref) {
        if (!creates.remove(ref)) {
            drops.add(ref);
        }
    }

    /** An object the migration needs; left out when the migration created it itself before. */
    void referenced(ObjectRef ref) {
        if (!creates.contains(ref)) {
            references.add(ref);
        }
    }

    void notReplayed(String note) {
        notReplayed.add(note);
    }

    MigrationEffects build() {
        return new MigrationEffects(script, List.copyOf(creates), List.copyOf(drops), List.copyOf(references),
                List.copyOf(notReplayed));
    }

    static ObjectRef schema(String name) {
        return new ObjectRef(ObjectRef.Kind.SCHEMA, null, name, null);
    }

    static ObjectRef extension(String name) {
        return new ObjectRef(ObjectRef.Kind.EXTENSION, null, name, null);
    }

    static ObjectRef table(ReplayModel.MTable t) {
        ObjectRef.Kind kind = t.kind == ReplayModel.RelKind.VIEW ? ObjectRef.Kind.VIEW
                : t.kind == ReplayModel.RelKind.MATERIALIZED_VIEW ? ObjectRef.Kind.MATERIALIZED_VIEW
                : ObjectRef.Kind.TABLE;
        return new ObjectRef(kind, t.schema, t.name, null);
    }

    static ObjectRef table(String schema, String name) {
        return new ObjectRef(ObjectRef.Kind.TABLE, schema, name, null);
    }

    static ObjectRef column(ReplayModel.MColumn c) {
        return new ObjectRef(ObjectRef.Kind.COLUMN, c.table.schema, c.table.name, c.name);
    }

    static ObjectRef column(String schema, String table, String column) {
        return new ObjectRef(ObjectRef.Kind.COLUMN, schema, table, column);
    }

    static ObjectRef constraint(ReplayModel.MConstraint c) {
        return new ObjectRef(ObjectRef.Kind.CONSTRAINT, c.table.schema, c.table.name, c.name);
    }

    static ObjectRef index(ReplayModel.MIndex i) {
        return new ObjectRef(ObjectRef.Kind.INDEX, i.schema(), i.name, null);
    }

    static ObjectRef sequence(ReplayModel.MSequence s) {
        return new ObjectRef(ObjectRef.Kind.SEQUENCE, s.schema, s.name, null);
    }

    static ObjectRef type(UserType t) {
        return new ObjectRef(ObjectRef.Kind.TYPE, t.schema, t.name, null);
    }

    static ObjectRef function(ReplayModel.MFunction f, String identityArguments) {
        return new ObjectRef(ObjectRef.Kind.FUNCTION, f.schema, f.name + "(" + identityArguments + ")", null);
    }

    static ObjectRef trigger(ReplayModel.MTrigger t) {
        return new ObjectRef(ObjectRef.Kind.TRIGGER, t.table.schema, t.table.name, t.name);
    }

    static ObjectRef policy(ReplayModel.MPolicy p) {
        return new ObjectRef(ObjectRef.Kind.POLICY, p.table.schema, p.table.name, p.name);
    }
}
