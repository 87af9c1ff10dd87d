package io.github.migrationguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OASIS SARIF 2.1.0 schema from {@code src/test/resources/sarif}, validated offline: the schema's own id is
 * mapped to the classpath copy, and any other http(s) reference fails instead of being fetched.
 */
public final class SarifSchema {

    static final String SCHEMA_ID =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    static final String CLASSPATH_COPY = "classpath:sarif/sarif-schema-2.1.0.json";

    /** Thrown when validation would need the network. */
    static final class RemoteFetchRefused extends RuntimeException {
        RemoteFetchRefused(String iri) {
            super("schema validation tried to fetch " + iri + "; tests must stay offline");
        }
    }

    /** Loaders run before the library's own (classpath, then URL); this one stops every remote IRI. */
    static final SchemaLoader NO_NETWORK = iri -> {
        String s = iri.toString();
        if (s.startsWith("http:") || s.startsWith("https:")) {
            throw new RemoteFetchRefused(s);
        }
        return (InputStreamSource) null;
    };

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            b -> b.schemaMappers(m -> m.mapPrefix(SCHEMA_ID, CLASSPATH_COPY))
                    .schemaLoaders(l -> l.add(NO_NETWORK)));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static final JsonSchema SCHEMA = FACTORY.getSchema(SchemaLocation.of(CLASSPATH_COPY), CONFIG);

    private SarifSchema() {
    }

    /** Validation messages for a SARIF file (used by the invoker projects' verify scripts); empty when valid. */
    public static Set<String> errors(java.io.File sarif) throws java.io.IOException {
        return errors(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif));
    }

    /** Validation messages, sorted; empty when the document is valid SARIF 2.1.0. */
    public static Set<String> errors(JsonNode sarif) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage m : SCHEMA.validate(sarif)) {
            errors.add(m.toString());
        }
        return errors;
    }
}
