package io.github.migrationguard.schema;

import java.util.List;

/**
 * A row-level security policy.
 *
 * @param table      the table
 * @param name       name
 * @param command    {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param permissive permissive (true) or restrictive
 * @param roles      role names, sorted; {@code public} for PUBLIC
 * @param using      {@code USING} expression ({@code pg_get_expr(polqual)}), else null
 * @param withCheck  {@code WITH CHECK} expression, else null
 */
public record Policy(QualifiedName table, String name, String command, boolean permissive, List<String> roles,
                     String using, String withCheck) {

    public Policy {
        roles = List.copyOf(roles);
    }

    static String commandOf(String polcmd) {
        return switch (polcmd) {
            case "r" -> "SELECT";
            case "a" -> "INSERT";
            case "w" -> "UPDATE";
            case "d" -> "DELETE";
            default -> "ALL";
        };
    }
}
