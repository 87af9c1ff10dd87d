package io.github.migrationguard.report;

import io.github.migrationguard.drift.DriftFinding;
import io.github.migrationguard.drift.DriftKind;
import io.github.migrationguard.drift.DriftReport;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four groups detect-drift reports findings in, in the order the issue and the console show them. */
enum DriftSections {

    HISTORY("History vs files", List.of(DriftKind.CHECKSUM_MISMATCH, DriftKind.MISSING_FILE, DriftKind.FAILED)),
    EVIDENCE("Per-migration evidence (history vs live schema)",
            List.of(DriftKind.PENDING, DriftKind.UNRECORDED, DriftKind.PHANTOM, DriftKind.PARTIAL)),
    SCHEMA("Expected vs live schema", List.of(DriftKind.MISSING_OBJECT, DriftKind.EXTRA_OBJECT,
            DriftKind.CHANGED_OBJECT, DriftKind.INVALID_INDEX)),
    REFERENCES("References", List.of(DriftKind.BROKEN_REFERENCE));

    private final String title;
    private final List<DriftKind> kinds;

    DriftSections(String title, List<DriftKind> kinds) {
        this.title = title;
        this.kinds = kinds;
    }

    String title() {
        return title;
    }

    /** The section a kind belongs to; an unknown (null) kind counts as a schema finding. */
    static DriftSections of(DriftKind kind) {
        for (DriftSections s : values()) {
            if (s.kinds.contains(kind)) {
                return s;
            }
        }
        return SCHEMA;
    }

    /** This section's findings, in report order. */
    List<DriftFinding> findings(DriftReport r) {
        return r.findings().stream().filter(f -> of(f.kind()) == this).toList();
    }

    /** Number of findings per kind, in section order, kinds without findings left out. */
    static Map<DriftKind, Integer> countByKind(List<DriftFinding> findings) {
        Map<DriftKind, Integer> all = new EnumMap<>(DriftKind.class);
        for (DriftFinding f : findings) {
            if (f.kind() != null) {
                all.merge(f.kind(), 1, Integer::sum);
            }
        }
        Map<DriftKind, Integer> ordered = new LinkedHashMap<>();
        for (DriftSections s : values()) {
            for (DriftKind k : s.kinds) {
                if (all.containsKey(k)) {
                    ordered.put(k, all.get(k));
                }
            }
        }
        for (Map.Entry<DriftKind, Integer> e : all.entrySet()) {
            ordered.putIfAbsent(e.getKey(), e.getValue());
        }
        return ordered;
    }

    /** The kind's name, {@code UNKNOWN} for a finding without one. */
    static String kindName(DriftFinding f) {
        return f.kind() == null ? "UNKNOWN" : f.kind().name();
    }
}
