package io.github.migrationguard.schema.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replay never throws: adversarial migrations, every cut of them, and token soup come back as notes. */
class ReplayRobustnessTest {

    private static String corpus() throws IOException {
        try (InputStream in = ReplayRobustnessTest.class.getResourceAsStream(
                "/adversarial/destructive-and-harmless.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ReplayResult replayEach(List<String> migrations) {
        List<ReplayInput> inputs = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            inputs.add(new ReplayInput("V" + i, migrations.get(i)));
        }
        return new SchemaReplayer().replay(inputs);
    }

    @Test
    void theAdversarialCorpusReplaysCaseByCase() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String part : corpus().split("\n#### ")) {
            cases.add(part.substring(part.indexOf('\n') + 1));
        }
        ReplayResult r = replayEach(cases);
        assertEquals(cases.size(), r.effects().size());
        assertTrue(r.effects().stream().anyMatch(e -> !e.notReplayed().isEmpty()),
                "DO blocks running DDL are reported");
        assertNotNull(r.expected());
    }

    @Test
    void everyCutOfTheCorpusReplaysWithoutThrowing() throws IOException {
        String text = corpus();
        List<String> cuts = new ArrayList<>();
        for (int end = 0; end < text.length(); end += 89) {
            cuts.add(text.substring(Math.max(0, end - 700), end));
        }
        ReplayResult r = replayEach(cuts);
        assertEquals(cuts.size(), r.effects().size());
    }

    @Test
    void tokenSoupReplaysWithoutThrowing() {
        String[] words = {"create", "table", "alter", "drop", "index", "on", "(", ")", ",", ";", "t", "\"T\"", "int",
            "primary", "key", "references", "check", "default", "'x'", "1", "-", "::", "add", "column", "constraint",
            "unique", "using", "where", "type", "as", "enum", "rename", "to", "sequence", "owned", "by", "null", "not",
            "partition", "of", "for", "values", "from", "in", "do", "$$", "begin", "end", "function", "returns",
            "trigger", "policy", "view", "select", "[", "]", ".", "array", "generated", "always", "identity"};
        Random random = new Random(42);
        List<String> soups = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(40);
            for (int k = 0; k < n; k++) {
                s.append(words[random.nextInt(words.length)]).append(' ');
            }
            soups.add(s.toString());
        }
        ReplayResult r = replayEach(soups);
        assertEquals(soups.size(), r.effects().size());
    }
}
