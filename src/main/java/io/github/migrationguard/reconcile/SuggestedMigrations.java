package io.github.migrationguard.reconcile;

import io.github.migrationguard.drift.DriftInspection;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.MigrationState;
import io.github.migrationguard.history.FlywayVersion;
import io.github.migrationguard.migration.Migration;
import io.github.migrationguard.report.ReportFiles;
import io.github.migrationguard.schema.Index;
import io.github.migrationguard.schema.replay.ObjectRef;
import io.github.migrationguard.schema.replay.ReplayResult;
import io.github.migrationguard.schema.replay.SchemaReplayer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Offers, for each {@code PARTIAL} migration of a plan, a new migration that creates what is missing: written to
 * {@code <reportsDirectory>/suggested-migrations/} for review, never into the migration locations, and named in the
 * plan's manual step. The plan's actions and fingerprint do not change.
 */
public final class SuggestedMigrations {

    /** The folder below the reports directory. */
    public static final String FOLDER = "suggested-migrations";

    private SuggestedMigrations() {
    }

    /**
     * @param plan      the plan made from {@code inspection}
     * @param reportsDirectory where the folder is created
     * @return the plan with {@code suggestedMigration} set on the manual steps a file was written for
     */
    public static ReconcilePlan attach(ReconcilePlan plan, DriftInspection inspection, Path reportsDirectory)
            throws IOException {
        List<Migration> migrations = inspection.states().stream().map(MigrationState::migration).toList();
        FlywayVersion next = nextVersion(migrations);
        List<ManualStep> manual = new ArrayList<>(plan.manual().size());
        boolean changed = false;
        int offset = 0;
        for (ManualStep step : plan.manual()) {
            ManualStep out = step;
            if (DriftKind.PARTIAL.name().equals(step.kind()) && step.migration() != null) {
                int index = indexOf(inspection, step.migration());
                if (index >= 0 && !migrations.get(index).isRepeatable()) {
                    FlywayVersion version = FlywayVersion.parse(next.parts().get(0).add(BigInteger.valueOf(offset))
                            .toString());
                    Optional<SuggestedMigration> suggested = SuggestedMigration.suggest(migrations, index,
                            withParts(migrations, index, inspection.states().get(index).absent()), version);
                    if (suggested.isPresent()) {
                        Path file = reportsDirectory.resolve(FOLDER).resolve(suggested.get().fileName());
                        ReportFiles.writeAtomically(file, suggested.get().sql());
                        out = new ManualStep(step.kind(), step.migration(), step.object(), step.reason(),
                                step.instruction() + " A migration that creates what is missing, for review: "
                                        + FOLDER + "/" + suggested.get().fileName() + ".",
                                FOLDER + "/" + suggested.get().fileName());
                        changed = true;
                        offset++;
                    }
                }
            }
            manual.add(out);
        }
        if (!changed) {
            return plan;
        }
        return new ReconcilePlan(plan.format(), plan.fingerprint(), plan.parts(), plan.database(), plan.options(),
                plan.createdAt(), plan.pluginVersion(), plan.actions(), manual);
    }

    /**
     * The missing objects with the parts of missing tables the same migration creates (their indexes, constraints,
     * triggers, policies): detect-drift names only the table, but the suggestion must create the parts too.
     */
    static List<String> withParts(List<Migration> migrations, int index, List<String> absent) {
        Set<String> tables = new HashSet<>();
        for (String a : absent) {
            if (a.startsWith("table ")) {
                tables.add(a.substring("table ".length()));
            }
        }
        if (tables.isEmpty()) {
            return absent;
        }
        ReplayResult replayed = new SchemaReplayer().replay(migrations.subList(0, index + 1).stream()
                .map(Migration::toReplayInput).toList());
        Map<String, String> indexTable = new HashMap<>();
        for (Index i : replayed.expected().indexes()) {
            indexTable.put(i.schema() + "." + i.name(), i.table().schema() + "." + i.table().name());
        }
        Set<String> out = new LinkedHashSet<>(absent);
        for (ObjectRef created : replayed.effects().get(index).creates()) {
            String owner = created.kind() == ObjectRef.Kind.INDEX ? indexTable.get(created.schema() + "."
                    + created.name())
                    : created.member() != null && created.kind() != ObjectRef.Kind.FUNCTION
                    ? created.schema() + "." + created.name() : null;
            if (owner != null && tables.contains(owner) && created.kind() != ObjectRef.Kind.COLUMN) {
                out.add(created.display());
            }
        }
        return List.copyOf(out);
    }

    private static int indexOf(DriftInspection inspection, String name) {
        for (int i = 0; i < inspection.states().size(); i++) {
            if (inspection.states().get(i).migration().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** One above the major part of the highest version: {@code V12} after {@code V11.3}. */
    static FlywayVersion nextVersion(List<Migration> migrations) {
        BigInteger max = BigInteger.ZERO;
        for (Migration m : migrations) {
            if (m.version() != null && m.version().parts().get(0).compareTo(max) > 0) {
                max = m.version().parts().get(0);
            }
        }
        return FlywayVersion.parse(max.add(BigInteger.ONE).toString());
    }
}
