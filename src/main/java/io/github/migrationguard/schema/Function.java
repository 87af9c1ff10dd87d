package io.github.migrationguard.schema;

/**
 * A function, procedure or aggregate.
 *
 * @param schema            schema
 * @param name              name
 * @param identityArguments {@code pg_get_function_identity_arguments}, e.g. {@code user_id bigint, flag boolean}
 * @param result            {@code pg_get_function_result}, e.g. {@code trigger}, {@code SETOF public.users};
 *                          null for procedures
 * @param kind              function, procedure, aggregate or window function
 * @param language          language name ({@code plpgsql}, {@code sql}, ...)
 * @param volatility        {@code IMMUTABLE}, {@code STABLE} or {@code VOLATILE}
 * @param securityDefiner   {@code SECURITY DEFINER}
 * @param strict            {@code STRICT}
 * @param definition        {@code pg_get_functiondef}: the full {@code CREATE OR REPLACE} statement; null for
 *                          aggregates, which have no such rendering
 */
public record Function(String schema, String name, String identityArguments, String result, Kind kind,
                       String language, String volatility, boolean securityDefiner, boolean strict,
                       String definition) {

    /** {@code prokind}. */
    public enum Kind {
        FUNCTION, PROCEDURE, AGGREGATE, WINDOW;

        static Kind of(String prokind) {
            return switch (prokind) {
                case "p" -> PROCEDURE;
                case "a" -> AGGREGATE;
                case "w" -> WINDOW;
                default -> FUNCTION;
            };
        }
    }

    /** {@code schema.name(identity arguments)}: what identifies a function (overloads differ here). */
    public String signature() {
        return schema + "." + name + "(" + identityArguments + ")";
    }
}
