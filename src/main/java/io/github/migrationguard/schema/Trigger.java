package io.github.migrationguard.schema;

/**
 * A user-defined trigger (internal triggers of foreign keys are left out).
 *
 * @param table      the table or view it is on
 * @param name       name
 * @param definition {@code pg_get_triggerdef}, e.g. {@code CREATE TRIGGER t BEFORE UPDATE ON public.users FOR EACH
 *                   ROW EXECUTE FUNCTION public.touch()}
 * @param enabled    {@code tgenabled}: when the trigger fires
 * @param function   the trigger function
 * @param constraint a constraint trigger
 * @param inherited  cloned onto a partition from its parent's trigger (PostgreSQL 13 and later)
 */
public record Trigger(QualifiedName table, String name, String definition, Firing enabled, QualifiedName function,
                      boolean constraint, boolean inherited) {

    /** {@code tgenabled}. */
    public enum Firing {
        ORIGIN, DISABLED, REPLICA, ALWAYS;

        static Firing of(String code) {
            return switch (code) {
                case "D" -> DISABLED;
                case "R" -> REPLICA;
                case "A" -> ALWAYS;
                default -> ORIGIN;
            };
        }
    }
}
