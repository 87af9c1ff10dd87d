package io.github.migrationguard.lint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The warm-run cache: per-file lint outcomes keyed by a hash of the file's path and bytes, valid only for one
 * cache key (plugin version + settings + active rules). A run keeps exactly the entries it used, so the cache never
 * grows beyond the current set of files. A missing, unreadable or foreign cache is simply ignored.
 */
final class LintCache {

    static final String FILE_NAME = "validate-safe-cache.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** On-disk form. */
    record Stored(String key, Map<String, Linter.FileOutcome> entries) {
    }

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
            try {
                Stored stored = JSON.readValue(file.toFile(), Stored.class);
                if (stored != null && key.equals(stored.key()) && stored.entries() != null) {
                    entries = stored.entries();
                }
            } catch (IOException | RuntimeException e) {
                // a corrupt or foreign cache only costs a cold run
                entries = Map.of();
            }
        }
        return new LintCache(file, key, entries);
    }

    /** SHA-256 over the path and the content (the path matters: file-name rules depend on it). */
    static String hash(String path, byte[] content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(path.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(content);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
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
            JSON.writeValue(tmp.toFile(), new Stored(key, Map.copyOf(current)));
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

}
