package io.moked.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.moked.llm.ChatMessage;
import io.moked.llm.ChatRequest;
import io.moked.llm.ToolSpec;
import io.moked.llm.llama.ToolGrammar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one schema per tool: llama.cpp builds the local model's grammar from it (native converter, as on a call), and
 * the registry's own check accepts what the schema allows and names what it does not.
 */
class ToolSchemasTest {
    static final List<AgentTool> TOOLS = List.of(new UpdateLeadTool(null), new CheckAvailabilityTool(null, null),
            new BookMeetingTool(null, null, null), new RescheduleMeetingTool(null, null, null, null),
            new CancelMeetingTool(null, null), new TransferToHumanTool(null), new EndCallTool());

    @Test
    void argumentNamesAreTheInterface() throws Exception {
        ToolRegistry registry = new ToolRegistry(TOOLS);
        assertEquals(List.of("update_lead", "check_availability", "book_meeting", "reschedule_meeting",
                "cancel_meeting", "transfer_to_human", "end_call"), registry.names());
        JsonNode lead = ToolJson.MAPPER.readTree(new UpdateLeadTool(null).parametersSchema()).get("properties");
        assertEquals(List.of("name", "email", "intent", "property_type", "rooms", "areas", "budget", "timeline",
                "pre_approved", "has_agent", "notes"), names(lead));
        assertEquals("[\"asap\",\"1-3m\",\"3-6m\",\"6m+\",\"browsing\"]", lead.get("timeline").get("enum").toString());
        assertEquals("[\"yes\",\"no\",\"in_process\"]", lead.get("pre_approved").get("enum").toString());
        assertEquals("[\"yes\",\"no\",\"not_sure\"]", lead.get("has_agent").get("enum").toString());
        assertEquals(List.of("from", "to"), names(ToolJson.MAPPER.readTree(new CheckAvailabilityTool(null, null)
                .parametersSchema()).get("properties")));
        assertEquals(List.of("start", "kind", "address"), names(ToolJson.MAPPER.readTree(
                new BookMeetingTool(null, null, null).parametersSchema()).get("properties")));
    }

    @Test
    void llamaCppBuildsTheGrammarFromTheSchemas() throws Exception {
        List<ToolSpec> specs = TOOLS.stream().map(t -> new ToolSpec(t.name(), t.description(), t.parametersSchema()))
                .toList();
        String auto = ToolGrammar.forRequest(new ChatRequest(List.of(ChatMessage.user("שלום")), specs, 0, 10,
                List.of(), "s"));
        assertNotNull(auto);
        for (AgentTool t : TOOLS) {
            assertTrue(auto.contains(t.name()), "grammar offers " + t.name());
        }
        assertTrue(auto.contains("in_process") && auto.contains("6m+"), "enums reach the grammar");
        String required = ToolGrammar.forRequest(new ChatRequest(List.of(ChatMessage.user("שלום")), specs, 0, 10,
                List.of(), "s", ChatRequest.ToolChoice.REQUIRED));
        assertNotNull(required);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"timeline\":\"asap\",\"budget\":2500000,\"areas\":[\"יפו\"],\"rooms\":3.5} | ",
            "{} | ",
            "{\"timeline\":\"soon\"} | arguments.timeline must be one of",
            "{\"budget\":\"two million\"} | arguments.budget must be a number",
            "{\"areas\":\"יפו\"} | arguments.areas must be an array",
            "{\"areas\":[1]} | arguments.areas[0] must be a string",
            "{\"phone\":\"050\"} | unknown argument 'phone'",
            "{\"notes\":\"" + "x" + "\"} | ",
    })
    void updateLeadArguments(String args, String problem) throws Exception {
        List<String> problems = SchemaCheck.problems(ToolJson.MAPPER.readTree(new UpdateLeadTool(null)
                .parametersSchema()), ToolJson.MAPPER.readTree(args));
        if (problem == null) {
            assertEquals(List.of(), problems);
        } else {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(problem)), problems.toString());
        }
    }

    @Test
    void requiredAndIntegerArguments() throws Exception {
        JsonNode book = ToolJson.MAPPER.readTree(new BookMeetingTool(null, null, null).parametersSchema());
        assertEquals(List.of("arguments.kind is required"), SchemaCheck.problems(book,
                ToolJson.MAPPER.readTree("{\"start\":\"מחר בעשר\"}")));
        JsonNode cancel = ToolJson.MAPPER.readTree(new CancelMeetingTool(null, null).parametersSchema());
        assertEquals(List.of(), SchemaCheck.problems(cancel, ToolJson.MAPPER.readTree("{\"meeting_id\":12}")));
        assertEquals(List.of("arguments.meeting_id must be an integer, got \"twelve\""), SchemaCheck.problems(cancel,
                ToolJson.MAPPER.readTree("{\"meeting_id\":\"twelve\"}")));
    }

    private static List<String> names(JsonNode props) {
        List<String> out = new java.util.ArrayList<>();
        props.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
