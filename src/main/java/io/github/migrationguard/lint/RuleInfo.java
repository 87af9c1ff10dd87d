package io.github.migrationguard.lint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Metadata of a {@link Rule}; validated when rules are loaded (ids unique and kebab-case with a family prefix). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable id, kebab-case, starting with {@code ban-}, {@code require-} or {@code prefer-}. */
    String id();

    /** One line: what the rule guards against. */
    String summary();

    Severity severity() default Severity.ERROR;

    /** Family, e.g. {@code destructive}, {@code naming}, {@code fail-closed}. */
    String category();

    /** The safe alternative, printed under every finding of this rule. */
    String safeAlternative();

    /** Docs page; empty means {@code docs/rules/<id>.md} in the project repository. */
    String docs() default "";
}
