package io.github.migrationguard.sql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Runs the scanner over every statement of a migration text and compares operations with expectations. */
final class ScanFixture {

    /** One expected operation: its type, its 1-based line and the text it starts at on that line. */
    record Expected(OperationType type, int line, String at) {
    }

    private ScanFixture() {
    }

    static Expected op(OperationType type, int line, String at) {
        return new Expected(type, line, at);
    }

    /** Splits {@code sql} into statements as the engine does and scans each one. */
    static List<Operation> scan(String sql) {
        SourceText src = SourceText.of(sql);
        List<Operation> all = new ArrayList<>();
        for (SqlStatement st : StatementSplitter.split(src.text()).statements()) {
            if (!st.metaCommand()) {
                all.addAll(DestructiveScanner.scan(st.tokens(), src.text()));
            }
        }
        return all;
    }

    /** Asserts that the operations of {@code sql} are exactly {@code expected} (type, line and column). */
    static List<Operation> assertOps(String sql, Expected... expected) {
        SourceText src = SourceText.of(sql);
        List<Operation> ops = scan(sql);
        List<String> want = new ArrayList<>();
        for (Expected e : expected) {
            String line = src.lineText(e.line());
            int col = line.indexOf(e.at());
            assertTrue(col >= 0, "test bug: '" + e.at() + "' is not on line " + e.line() + ": " + line);
            want.add(e.type() + " at " + e.line() + ":" + (col + 1));
        }
        List<String> got = ops.stream()
                .sorted(Comparator.comparingInt(Operation::start).thenComparing(o -> o.type().name()))
                .map(o -> o.type() + " at " + src.line(o.start()) + ":" + src.column(o.start()))
                .toList();
        List<String> wantSorted = new ArrayList<>(want);
        wantSorted.sort(Comparator.comparing((String s) -> position(s)).thenComparing(s -> s));
        assertEquals(wantSorted, got, () -> "operations of:\n" + sql + "\nwere: " + describe(ops));
        return ops;
    }

    /** Asserts that {@code sql} contains nothing destructive or unverifiable. */
    static void assertClean(String sql) {
        List<Operation> ops = scan(sql);
        assertEquals(List.of(), ops, () -> "expected no operations in:\n" + sql + "\nbut got: " + describe(ops));
    }

    /** Asserts the detail of the only operation of {@code sql}. */
    static void assertDetail(String sql, String detail) {
        List<Operation> ops = scan(sql);
        assertEquals(1, ops.size(), () -> "expected one operation in:\n" + sql + "\nbut got: " + describe(ops));
        assertEquals(detail, ops.get(0).detail());
    }

    private static long position(String s) {
        String[] lc = s.substring(s.lastIndexOf(' ') + 1).split(":");
        return Long.parseLong(lc[0]) * 100_000 + Long.parseLong(lc[1]);
    }

    static String describe(List<Operation> ops) {
        return Arrays.toString(ops.toArray());
    }
}
