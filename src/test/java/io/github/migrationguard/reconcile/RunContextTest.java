package io.github.migrationguard.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunContextTest {

    private static final Map<String, String> SECRETS = Map.of(
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "GITHUB_TOKEN", "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
            "DATABASE_URL", "postgresql://deployer:hunter2@db/shop",
            "PGPASSWORD", "hunter2",
            "CI_JOB_TOKEN", "glcbt-64_secret",
            "GITHUB_ACTOR_TOKEN", "not-an-actor",
            "BUILD_USER_PASSWORD", "jenkins-secret",
            "HOME", "/home/runner");

    private static Map<String, String> githubEnv() {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("GITHUB_ACTOR", "octocat");
        env.put("GITHUB_TRIGGERING_ACTOR", "hubot");
        env.put("GITHUB_REPOSITORY", "acme/shop");
        env.put("GITHUB_RUN_ID", "8812345");
        env.put("GITHUB_RUN_ATTEMPT", "2");
        env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
        env.put("GITHUB_WORKFLOW", "release");
        env.put("CI", "true");
        env.put("USER", "runner");
        return env;
    }

    @Test
    void takesTheListedVariablesAndNothingElse() {
        RunContext c = RunContext.detect(githubEnv()::get, "runner");
        assertEquals(Map.of("GITHUB_ACTOR", "octocat", "GITHUB_TRIGGERING_ACTOR", "hubot",
                "GITHUB_REPOSITORY", "acme/shop", "GITHUB_RUN_ID", "8812345", "GITHUB_RUN_ATTEMPT", "2",
                "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567", "GITHUB_WORKFLOW", "release",
                "CI", "true"), c.ci());
        String all = c.toString();
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            assertFalse(c.ci().containsKey(secret.getKey()), secret.getKey());
            assertFalse(all.contains(secret.getValue()), secret.getKey() + " leaked: " + all);
        }
    }

    @Test
    void asksTheEnvironmentOnlyForTheListedNames() {
        List<String> asked = new ArrayList<>();
        Map<String, String> env = githubEnv();
        RunContext.detect(name -> {
            asked.add(name);
            return env.get(name);
        }, null);
        Set<String> allowed = new HashSet<>(RunContext.CI_VARIABLES);
        allowed.add("USER");
        allowed.add("USERNAME");
        for (String name : asked) {
            assertTrue(allowed.contains(name), "read " + name);
        }
        assertTrue(asked.containsAll(RunContext.CI_VARIABLES), "every listed variable is looked at");
    }

    @Test
    void theListIsExactlyTheDocumentedOne() {
        assertEquals(List.of("GITHUB_ACTOR", "GITHUB_TRIGGERING_ACTOR", "GITHUB_REPOSITORY", "GITHUB_RUN_ID",
                "GITHUB_RUN_ATTEMPT", "GITHUB_SHA", "GITHUB_WORKFLOW", "GITLAB_USER_LOGIN", "CI_PROJECT_PATH",
                "CI_PIPELINE_ID", "CI_JOB_ID", "CI_COMMIT_SHA", "BUILD_URL", "BUILD_USER_ID", "JOB_NAME",
                "BUILD_NUMBER", "BUILDKITE_BUILD_CREATOR", "BUILDKITE_BUILD_URL", "CIRCLE_USERNAME",
                "CIRCLE_BUILD_URL", "CI"), RunContext.CI_VARIABLES);
    }

    @Test
    void gitlabJenkinsBuildkiteAndCircleValuesAreTaken() {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("GITLAB_USER_LOGIN", "alice");
        env.put("CI_PROJECT_PATH", "acme/shop");
        env.put("CI_PIPELINE_ID", "991");
        env.put("CI_JOB_ID", "4242");
        env.put("CI_COMMIT_SHA", "abc123");
        env.put("BUILD_URL", "https://jenkins.example.com/job/shop/17/");
        env.put("BUILD_USER_ID", "bob");
        env.put("JOB_NAME", "shop-release");
        env.put("BUILD_NUMBER", "17");
        env.put("BUILDKITE_BUILD_CREATOR", "carol");
        env.put("BUILDKITE_BUILD_URL", "https://buildkite.com/acme/shop/builds/5");
        env.put("CIRCLE_USERNAME", "dave");
        env.put("CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/shop/9");
        RunContext c = RunContext.detect(env::get, "root");
        assertEquals(13, c.ci().size(), c.ci().toString());
        assertEquals("alice", c.ci().get("GITLAB_USER_LOGIN"));
        assertEquals("https://jenkins.example.com/job/shop/17/", c.ci().get("BUILD_URL"));
        assertEquals("carol", c.ci().get("BUILDKITE_BUILD_CREATOR"));
        assertEquals("https://circleci.com/gh/acme/shop/9", c.ci().get("CIRCLE_BUILD_URL"));
        assertFalse(c.ci().containsKey("CI"), "CI is taken only when set");
    }

    @Test
    void blankValuesAreLeftOut() {
        Map<String, String> env = Map.of("GITHUB_ACTOR", "", "GITHUB_RUN_ID", "   ", "CI", "\t\n",
                "JOB_NAME", "shop");
        RunContext c = RunContext.detect(env::get, "me");
        assertEquals(Map.of("JOB_NAME", "shop"), c.ci());
    }

    @Test
    void outsideCiTheMapIsEmpty() {
        RunContext c = RunContext.detect(Map.of("PATH", "/usr/bin", "AWS_SECRET_ACCESS_KEY", "k")::get, "me");
        assertTrue(c.ci().isEmpty());
        assertEquals("me", c.osUser());
    }

    @Test
    void longValuesAreCutTo200Characters() {
        String longUrl = "https://jenkins.example.com/" + "x".repeat(500);
        String exact = "y".repeat(200);
        RunContext c = RunContext.detect(Map.of("BUILD_URL", longUrl, "JOB_NAME", exact)::get, "me");
        String cut = c.ci().get("BUILD_URL");
        assertEquals(200, cut.length());
        assertEquals(longUrl.substring(0, 199) + "\u2026", cut);
        assertEquals(exact, c.ci().get("JOB_NAME"), "exactly 200 is kept whole");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // 198 letters, then an emoji at chars 198-199, then more: a cut at 199 would keep half of the emoji
        String value = "a".repeat(198) + "\uD83D\uDE80" + "tail";
        String cut = RunContext.detect(Map.of("GITHUB_WORKFLOW", value)::get, "me").ci().get("GITHUB_WORKFLOW");
        assertEquals("a".repeat(198) + "\u2026", cut);
        assertTrue(cut.length() <= 200);
    }

    @Test
    void theOsUserIsTheUserNameProperty() {
        RunContext c = RunContext.detect(Map.of("USER", "env-user", "USERNAME", "win-user")::get, "prop-user");
        assertEquals("prop-user", c.osUser());
    }

    @Test
    void withoutThePropertyTheOsUserComesFromUserThenUsername() {
        assertEquals("env-user",
                RunContext.detect(Map.of("USER", "env-user", "USERNAME", "win-user")::get, null).osUser());
        assertEquals("env-user",
                RunContext.detect(Map.of("USER", "env-user", "USERNAME", "win-user")::get, "  ").osUser());
        assertEquals("win-user", RunContext.detect(Map.of("USERNAME", "win-user")::get, "").osUser());
        assertEquals("win-user", RunContext.detect(Map.of("USER", " ", "USERNAME", "win-user")::get, null).osUser());
        assertNull(RunContext.detect(Map.<String, String>of()::get, null).osUser());
    }

    @Test
    void aLongOsUserIsCutToo() {
        assertEquals(200, RunContext.detect(Map.<String, String>of()::get, "u".repeat(300)).osUser().length());
    }

    @Test
    void theMapIsSortedAndCannotBeChanged() {
        RunContext c = RunContext.detect(githubEnv()::get, "runner");
        List<String> keys = new ArrayList<>(c.ci().keySet());
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys);
        assertThrows(UnsupportedOperationException.class, () -> c.ci().put("GITHUB_TOKEN", "x"));
    }

    @Test
    void currentReadsThisProcess() {
        RunContext c = RunContext.current();
        assertEquals(System.getProperty("user.name"), c.osUser());
        for (String key : c.ci().keySet()) {
            assertTrue(RunContext.CI_VARIABLES.contains(key), key);
        }
    }
}
