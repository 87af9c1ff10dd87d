package io.github.migrationguard.reconcile;

import io.github.migrationguard.history.HistoryRow;
import io.github.migrationguard.migration.Migration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a plan: SHA-256 over a canonical text of what the plan depends on. Each part has its own
 * fingerprint so that a refusal can name what changed; the plan's fingerprint covers the four.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static ReconcilePlan.FingerprintParts parts(PlanDatabase database, List<HistoryRow> rows,
                                                List<Migration> migrations, PlanOptions options,
                                                List<PlannedAction> actions) {
        StringBuilder history = new StringBuilder("history\n");
        for (HistoryRow row : rows) {
            history.append(RowImage.of(row).canonical()).append('\n');
        }

        StringBuilder files = new StringBuilder("migrations\n");
        for (Migration m : migrations) {
            files.append(fields(m.kind().name(), m.version() == null ? null : m.version().toString(), m.script(),
                    m.historyDescription(), String.valueOf(m.checksum()))).append('\n');
        }

        return new ReconcilePlan.FingerprintParts(database(database), sha256(history), sha256(files),
                actions(options, actions));
    }

    /** The fingerprint of the database a plan is for: a plan file's database must give its database part. */
    static String database(PlanDatabase database) {
        return sha256("database\n" + fields(database.name(), String.valueOf(database.oid()), database.historyTable(),
                database.historyTool(), String.valueOf(database.historyTableExists())) + "\n");
    }

    /** The fingerprint of the options and actions alone: a plan file's own actions must give its actions part. */
    static String actions(PlanOptions options, List<PlannedAction> actions) {
        StringBuilder acts = new StringBuilder("actions\n");
        acts.append(fields(String.valueOf(options.realignChecksums()), String.join(",", options.markApplied())))
                .append('\n');
        for (PlannedAction a : actions) {
            acts.append(fields(a.type().name(), a.migration(), a.script(), a.note())).append('\n');
            for (String e : a.evidence()) {
                acts.append("? ").append(fields(e)).append('\n');
            }
            for (RowImage r : a.remove()) {
                acts.append("- ").append(r.canonical()).append('\n');
            }
            if (a.write() != null) {
                acts.append("+ ").append(a.write().canonical()).append('\n');
            }
        }
        return sha256(acts);
    }

    /** The plan's fingerprint: over the four parts. */
    static String of(ReconcilePlan.FingerprintParts parts) {
        return sha256(fields(parts.database(), parts.history(), parts.migrations(), parts.actions()));
    }

    /** Fields joined so that no two different lists give the same text: each as length, colon, value; null as -. */
    static String fields(String... values) {
        StringBuilder s = new StringBuilder();
        for (String v : values) {
            if (v == null) {
                s.append("-;");
            } else {
                s.append(v.length()).append(':').append(v).append(';');
            }
        }
        return s.toString();
    }

    private static String sha256(CharSequence text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
