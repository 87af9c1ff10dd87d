package io.github.migrationguard.reconcile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Who runs an apply, for its audit record: the operating-system user and, in CI, who triggered the build and which
 * build it is.
 *
 * <p>Only the variables named in {@link #CI_VARIABLES} are read. The environment of a CI job also holds tokens,
 * passwords and cloud keys, so nothing else from it ever reaches an audit record.
 *
 * @param osUser the operating-system user running Maven; null when it cannot be told
 * @param ci     the values of the {@link #CI_VARIABLES} that are set and not blank, at most {@value #MAX_VALUE_LENGTH}
 *               characters each, sorted by name; empty outside CI
 */
public record RunContext(String osUser, Map<String, String> ci) {

    /** The environment variables an audit record may show: who triggered a CI build, which build, which commit. */
    public static final List<String> CI_VARIABLES = List.of(
            // GitHub Actions
            "GITHUB_ACTOR", "GITHUB_TRIGGERING_ACTOR", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT",
            "GITHUB_SHA", "GITHUB_WORKFLOW",
            // GitLab CI
            "GITLAB_USER_LOGIN", "CI_PROJECT_PATH", "CI_PIPELINE_ID", "CI_JOB_ID", "CI_COMMIT_SHA",
            // Jenkins
            "BUILD_URL", "BUILD_USER_ID", "JOB_NAME", "BUILD_NUMBER",
            // Buildkite
            "BUILDKITE_BUILD_CREATOR", "BUILDKITE_BUILD_URL",
            // CircleCI
            "CIRCLE_USERNAME", "CIRCLE_BUILD_URL",
            // set by most CI services
            "CI");

    /** Longer values are cut to this many characters, the last of them an ellipsis. */
    public static final int MAX_VALUE_LENGTH = 200;

    public RunContext {
        ci = Collections.unmodifiableMap(new TreeMap<>(ci));
    }

    /**
     * Reads the context.
     *
     * @param env            the environment, usually {@code System::getenv}; asked only for the {@link #CI_VARIABLES},
     *                       {@code USER} and {@code USERNAME}
     * @param osUserProperty the {@code user.name} system property; when it is null or blank, {@code USER} and then
     *                       {@code USERNAME} are used
     */
    public static RunContext detect(Function<String, String> env, String osUserProperty) {
        String osUser = usable(osUserProperty) ? osUserProperty : null;
        for (String name : List.of("USER", "USERNAME")) {
            if (osUser == null) {
                String value = env.apply(name);
                osUser = usable(value) ? value : null;
            }
        }
        Map<String, String> ci = new TreeMap<>();
        for (String name : CI_VARIABLES) {
            String value = env.apply(name);
            if (usable(value)) {
                ci.put(name, truncate(value));
            }
        }
        return new RunContext(osUser == null ? null : truncate(osUser), ci);
    }

    /** The context of this process: its environment and its {@code user.name}. */
    public static RunContext current() {
        return detect(System::getenv, System.getProperty("user.name"));
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank();
    }

    /** At most {@link #MAX_VALUE_LENGTH} chars; a cut value ends with an ellipsis and never splits a surrogate pair. */
    static String truncate(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_VALUE_LENGTH - 1;
        if (Character.isLowSurrogate(value.charAt(end)) && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + '\u2026';
    }
}
