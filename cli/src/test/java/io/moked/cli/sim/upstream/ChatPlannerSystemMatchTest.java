package io.moked.cli.sim.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Chat rules with {@code system_match} answer by the system prompt: one double, two prompt versions. */
class ChatPlannerSystemMatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theRuleWhosePromptMatchesAnswers() throws Exception {
        ChatPlanner planner = new ChatPlanner(SimScript.load(Files.writeString(dir.resolve("s.yaml"),
                "chat:\n  rules:\n"
                        + "    - {match: \"דירה\", system_match: \"version one\", reply: \"first\"}\n"
                        + "    - {match: \"דירה\", system_match: \"version two\", reply: \"second\"}\n"
                        + "    - {match: \"דירה\", reply: \"any prompt\"}\n"
                        + "  default_reply: \"default\"\n")));
        assertEquals("first", reply(planner, "You are VERSION ONE.", "אני מחפש דירה"));
        assertEquals("second", reply(planner, "You are version two.", "אני מחפש דירה"));
        assertEquals("any prompt", reply(planner, "Another prompt.", "אני מחפש דירה"));
        assertEquals("default", reply(planner, "You are version one.", "שלום"));
    }

    @Test
    void anInvalidSystemPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimScript.Rule("x", "y", null, null, "("));
    }

    private static String reply(ChatPlanner planner, String system, String user) throws Exception {
        JsonNode request = JSON.createObjectNode().set("messages", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("role", "system").put("content", system))
                .add(JSON.createObjectNode().put("role", "user").put("content", user)));
        return String.join("", planner.plan(request).pieces()).strip();
    }
}
