package io.github.migrationguard.lint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The warm-run cache: per-file lint outcomes keyed by the file's path and content, valid only for one cache key
 * (plugin version + settings + active rules). A run keeps exactly the entries it used, so the cache never grows
 * beyond the current set of files. A missing, unreadable or foreign cache is simply ignored (the run is cold).
 *
 * <p>Both the content key and the file format are chosen for an unchanged re-run, which must cost a small fraction of
 * a cold one in a fresh JVM: the key is the content length plus CRC-32C and CRC-32 of path and content (the JDK computes
 * both natively, even before the JIT warms up; 64 bits make an accidental collision between an edited file and its
 * previous version practically impossible), and the file is a compact binary stream rather than JSON.
 */
final class LintCache {

    static final String FILE_NAME = "validate-safe.cache";
    private static final int MAGIC = 0x4D474331; // "MGC1"
    /** No count or string in a sane cache comes near this; a larger one means corruption, not a huge allocation. */
    private static final int LIMIT = 1 << 24;

    private final Path file;
    private final String key;
    private final Map<String, Linter.FileOutcome> previous;
    private final Map<String, Linter.FileOutcome> current = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private LintCache(Path file, String key, Map<String, Linter.FileOutcome> previous) {
        this.file = file;
        this.key = key;
        this.previous = previous;
    }

    static LintCache disabled() {
        return new LintCache(null, "", Map.of());
    }

    static LintCache load(Path dir, String key) {
        Path file = dir.resolve(FILE_NAME);
        Map<String, Linter.FileOutcome> entries = Map.of();
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                entries = read(in, key);
            } catch (IOException | RuntimeException e) {
                // a corrupt, truncated or foreign cache only costs a cold run
                entries = Map.of();
            }
        }
        return new LintCache(file, key, entries);
    }

    /** Length, CRC-32C and CRC-32 over the path and the content (the path matters: file-name rules depend on it). */
    static String hash(String path, byte[] content) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        CRC32C c1 = new CRC32C();
        c1.update(p);
        c1.update(0);
        c1.update(content);
        CRC32 c2 = new CRC32();
        c2.update(content);
        c2.update(0);
        c2.update(p);
        return Long.toHexString(content.length) + ':' + Long.toHexString(c1.getValue()) + ':'
                + Long.toHexString(c2.getValue());
    }

    Optional<Linter.FileOutcome> get(String hash) {
        if (file == null) {
            return Optional.empty();
        }
        Linter.FileOutcome hit = previous.get(hash);
        if (hit != null) {
            current.put(hash, hit);
        }
        return Optional.ofNullable(hit);
    }

    void put(String hash, Linter.FileOutcome outcome) {
        if (file != null) {
            current.put(hash, outcome);
            dirty = true;
        }
    }

    /** Writes the entries used in this run (atomically); failures to write are ignored (the next run is cold). */
    void save() {
        if (file == null || (!dirty && current.size() == previous.size())) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "cache", ".tmp");
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                write(out, key, current);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // the cache is an optimisation only
        }
    }

    int size() {
        return current.size();
    }

    private static void write(DataOutputStream out, String key, Map<String, Linter.FileOutcome> entries)
            throws IOException {
        out.writeInt(MAGIC);
        writeString(out, key);
        out.writeInt(entries.size());
        for (Map.Entry<String, Linter.FileOutcome> e : entries.entrySet()) {
            writeString(out, e.getKey());
            Linter.FileOutcome o = e.getValue();
            out.writeInt(o.statements());
            out.writeInt(o.findings().size());
            for (Finding f : o.findings()) {
                writeString(out, f.file());
                out.writeInt(f.line());
                out.writeInt(f.column());
                out.writeInt(f.endLine());
                out.writeInt(f.endColumn());
                writeString(out, f.ruleId());
                out.writeByte(f.severity().ordinal());
                writeString(out, f.message());
                writeString(out, f.safeAlternative());
                writeString(out, f.docsUrl());
                out.writeBoolean(f.acknowledged());
                writeString(out, f.reason());
            }
        }
    }

    private static Map<String, Linter.FileOutcome> read(DataInputStream in, String key) throws IOException {
        if (in.readInt() != MAGIC || !key.equals(readString(in))) {
            return Map.of();
        }
        int n = in.readInt();
        if (n < 0 || n > LIMIT) {
            throw new IOException("corrupt cache: " + n + " entries");
        }
        Map<String, Linter.FileOutcome> entries = new HashMap<>(Math.max(16, n * 2));
        Severity[] severities = Severity.values();
        for (int i = 0; i < n; i++) {
            String hash = readString(in);
            int statements = in.readInt();
            int count = in.readInt();
            if (count < 0 || count > LIMIT) {
                throw new IOException("corrupt cache: " + count + " findings");
            }
            List<Finding> findings = new ArrayList<>(Math.min(count, 1024));
            for (int k = 0; k < count; k++) {
                findings.add(new Finding(readString(in), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                        readString(in), severities[in.readByte()], readString(in), readString(in), readString(in),
                        in.readBoolean(), readString(in)));
            }
            entries.put(hash, new Linter.FileOutcome(List.copyOf(findings), statements));
        }
        return entries;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        if (len > LIMIT) {
            throw new IOException("corrupt cache: string of " + len + " bytes");
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
