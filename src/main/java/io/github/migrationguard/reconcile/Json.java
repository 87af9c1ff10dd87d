package io.github.migrationguard.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compact JSON for the audit table's jsonb columns. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String array(List<String> values) {
        return write(values);
    }

    /** Keys sorted, so equal maps give equal text. */
    static String object(Map<String, String> values) {
        return write(new TreeMap<>(values));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
