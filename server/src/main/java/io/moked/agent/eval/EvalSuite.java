package io.moked.agent.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.core.annotation.Nullable;
import io.moked.error.ValidationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A prompt eval suite (YAML): scripted text conversations with expectations per turn and per conversation. See
 * docs/receptionist.md ("Prompt evals") for the format.
 */
public record EvalSuite(@Nullable String name, List<Conversation> conversations) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    /** a suite is read whole; beyond this it is not a suite */
    private static final long MAX_FILE_BYTES = 1_000_000;

    public EvalSuite {
        conversations = conversations == null ? List.of() : List.copyOf(conversations);
        if (conversations.isEmpty()) {
            throw new IllegalArgumentException("'conversations' must list at least one conversation");
        }
    }

    /**
     * @param as     the caller's phone (their lead is used and checked); null = anonymous
     * @param expect checked once the conversation is over
     */
    public record Conversation(String name, @Nullable String as, List<Turn> turns, @Nullable Expect expect) {
        public Conversation {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every conversation needs a 'name'");
            }
            turns = turns == null ? List.of() : List.copyOf(turns);
            if (turns.isEmpty()) {
                throw new IllegalArgumentException("conversation '" + name + "' needs 'turns'");
            }
        }
    }

    /** One caller message and what the assistant's answer to it must show. */
    public record Turn(String say, @Nullable Expect expect) {
        public Turn {
            if (say == null || say.isBlank()) {
                throw new IllegalArgumentException("every turn needs 'say' (the caller's words)");
            }
        }
    }

    /**
     * Expectations; each given key must hold. Per turn they look at that answer, per conversation at all of it.
     *
     * @param tools            tool calls that must have been made (name, and arguments that must match: every given
     *                         key equal, numbers by value, strings ignoring case)
     * @param noTools          tool names that must not have been called
     * @param replyContains    phrases the assistant's reply must contain (ignoring case)
     * @param replyNotContains phrases it must not contain
     * @param lead             lead fields that must be set to these values (name, email, status or a qualification
     *                         key); conversation level only, needs {@code as}
     * @param meetingBooked    true: the caller has a booked meeting at the end (or "viewing"/"meeting" for its kind)
     * @param maxTurns         the conversation's other expectations all hold after at most this many caller turns
     *                         (without others: the assistant ended the conversation within this many)
     * @param ended            "transfer" or "end_call": how the assistant must have ended the conversation
     */
    public record Expect(List<ToolExpectation> tools, List<String> noTools, List<String> replyContains,
                         List<String> replyNotContains, @Nullable Map<String, String> lead,
                         @Nullable String meetingBooked, @Nullable Integer maxTurns, @Nullable String ended) {
        public Expect {
            tools = tools == null ? List.of() : List.copyOf(tools);
            noTools = noTools == null ? List.of() : List.copyOf(noTools);
            replyContains = replyContains == null ? List.of() : List.copyOf(replyContains);
            replyNotContains = replyNotContains == null ? List.of() : List.copyOf(replyNotContains);
            lead = lead == null ? null : Map.copyOf(lead);
            if (meetingBooked != null && !List.of("true", "false", "viewing", "meeting").contains(meetingBooked)) {
                throw new IllegalArgumentException("meeting_booked must be true, false, viewing or meeting");
            }
            if (maxTurns != null && maxTurns < 1) {
                throw new IllegalArgumentException("max_turns must be at least 1");
            }
            if (ended != null && !List.of("transfer", "end_call").contains(ended)) {
                throw new IllegalArgumentException("ended must be transfer or end_call");
            }
        }

        /** Expectations about the conversation's state, which {@code max_turns} waits for. */
        boolean hasStateExpectations() {
            return !tools.isEmpty() || lead != null || meetingBooked != null || ended != null;
        }
    }

    public record ToolExpectation(String name, @Nullable JsonNode arguments) {
        public ToolExpectation {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every expected tool needs 'name'");
            }
            if (arguments != null && !arguments.isObject()) {
                throw new IllegalArgumentException("tool '" + name + "' arguments must be a mapping");
            }
        }

        @Override
        public String toString() {
            return name + (arguments == null ? "" : " " + arguments);
        }
    }

    /** @throws ValidationException naming the file and the problem */
    public static EvalSuite load(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new ValidationException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            EvalSuite suite = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), EvalSuite.class);
            if (suite == null) {
                throw new ValidationException(file + ": empty suite");
            }
            return suite;
        } catch (JsonMappingException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ValidationException(file + ": " + (root == e ? e.getOriginalMessage() : root.getMessage()));
        } catch (JsonProcessingException e) {
            throw new ValidationException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** Every caller phone of the suite (their leads are copied into the eval's database). */
    public List<String> callerPhones() {
        return conversations.stream().map(Conversation::as).filter(p -> p != null && !p.isBlank()).distinct()
                .toList();
    }
}
