package io.moked.agent.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.moked.agent.AgentLoop;
import io.moked.agent.chat.ChatAgent;
import io.moked.agent.chat.ChatSession;
import io.moked.agent.tools.CallDecision;
import io.moked.agent.tools.ToolResult;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.meeting.Meeting;
import io.moked.crm.meeting.MeetingService;
import io.moked.crm.meeting.MeetingStatus;
import io.moked.crm.prompt.Channel;
import io.moked.crm.tenant.Tenant;
import io.moked.llm.ToolCall;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link EvalSuite} through the chat channel ({@link ChatAgent}, so the same {@code AgentLoop}, prompt
 * rendering and tools as a call) and checks its expectations. Run it against a throw-away copy of the tenant's data
 * ({@link TenantSnapshots}): the tools write to the lead and diary of whatever database this bean belongs to.
 */
@Singleton
public class EvalRunner {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final ChatAgent chat;
    private final LeadService leads;
    private final MeetingService meetings;

    public EvalRunner(ChatAgent chat, LeadService leads, MeetingService meetings) {
        this.chat = chat;
        this.leads = leads;
        this.meetings = meetings;
    }

    /** Called after each conversation (progress on a terminal). */
    public interface Progress {
        void done(EvalResult.ConversationResult result);
    }

    public EvalResult run(EvalSuite suite, String suiteName, Tenant tenant, @Nullable Channel channel,
                          @Nullable Integer version, String actor, Progress progress) throws InterruptedException {
        Channel ch = channel == null ? chat.defaultChannel(tenant) : channel;
        List<EvalResult.ConversationResult> results = new ArrayList<>();
        int usedVersion = -1;
        for (EvalSuite.Conversation c : suite.conversations()) {
            long start = System.nanoTime();
            Run run = new Run();
            try (ChatSession session = chat.open(tenant, c.as(), ch, version, actor)) {
                usedVersion = session.prompt().version();
                run.transcript.add("assistant: " + session.greeting());
                conversation(session, c, run);
            } catch (ChatSession.ChatFailure e) {
                run.failures.add("turn " + (run.turns + 1) + ": " + e.getMessage());
            }
            EvalResult.ConversationResult r = new EvalResult.ConversationResult(c.name(), run.turns,
                    run.expectations, List.copyOf(run.failures), List.copyOf(run.transcript),
                    (System.nanoTime() - start) / 1e9);
            results.add(r);
            progress.done(r);
        }
        return new EvalResult(suiteName, tenant.slug(), ch.id(), usedVersion, results);
    }

    private void conversation(ChatSession session, EvalSuite.Conversation c, Run run) throws InterruptedException {
        EvalSuite.Expect whole = c.expect();
        Integer metAt = null;
        for (EvalSuite.Turn turn : c.turns()) {
            if (session.ended() != null) {
                break;
            }
            run.turns++;
            run.transcript.add("caller: " + turn.say());
            TurnEvents events = new TurnEvents();
            AgentLoop.Outcome outcome = session.send(turn.say(), events);
            String reply = outcome.text() + sayOf(session.ended());
            events.tools.forEach(t -> run.transcript.add("tool: " + t.call().name() + " " + t.call().argumentsJson()
                    + " -> " + t.result().json()));
            run.transcript.add("assistant: " + reply.strip());
            run.allTools.addAll(events.tools);
            run.replies.append(reply).append('\n');
            if (turn.expect() != null) {
                check(turn.expect(), "turn " + run.turns, reply, events.tools, null, null, run);
            }
            if (metAt == null && whole != null && whole.maxTurns() != null && whole.hasStateExpectations()
                    && stateFailures(whole, session, run.allTools).isEmpty()) {
                metAt = run.turns;
            }
        }
        if (whole == null) {
            return;
        }
        check(whole, "conversation", run.replies.toString(), run.allTools, session, c.as(), run);
        if (whole.maxTurns() != null) {
            run.expectations++;
            if (whole.hasStateExpectations()) {
                if (metAt == null || metAt > whole.maxTurns()) {
                    run.failures.add("conversation: expectations not all met within " + whole.maxTurns()
                            + " turns" + (metAt == null ? "" : " (met at turn " + metAt + ")"));
                }
            } else if (session.ended() == null || run.turns > whole.maxTurns()) {
                run.failures.add("conversation: the assistant did not end it within " + whole.maxTurns()
                        + " turns");
            }
        }
    }

    private static String sayOf(@Nullable CallDecision d) {
        if (d instanceof CallDecision.Transfer t) {
            return " " + t.say();
        }
        if (d instanceof CallDecision.EndCall e) {
            return " " + e.say();
        }
        return "";
    }

    /** Checks {@code e}; session/phone are given at conversation level (lead, meeting and ending checks). */
    private void check(EvalSuite.Expect e, String where, String reply, List<ToolEvent> tools,
                       @Nullable ChatSession session, @Nullable String phone, Run run) {
        String lower = reply.toLowerCase(Locale.ROOT);
        for (String phrase : e.replyContains()) {
            run.expectations++;
            if (!lower.contains(phrase.toLowerCase(Locale.ROOT))) {
                run.failures.add(where + ": reply does not contain '" + phrase + "'");
            }
        }
        for (String phrase : e.replyNotContains()) {
            run.expectations++;
            if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
                run.failures.add(where + ": reply contains '" + phrase + "'");
            }
        }
        for (String name : e.noTools()) {
            run.expectations++;
            if (tools.stream().anyMatch(t -> t.call().name().equals(name))) {
                run.failures.add(where + ": " + name + " was called");
            }
        }
        run.expectations += e.tools().size();
        if (session == null) {
            run.failures.addAll(toolFailures(e, tools).stream().map(f -> where + ": " + f).toList());
            if (e.lead() != null || e.meetingBooked() != null || e.ended() != null) {
                run.failures.add(where + ": lead, meeting_booked and ended are conversation expectations");
            }
            return;
        }
        run.expectations += (e.lead() == null ? 0 : e.lead().size()) + (e.meetingBooked() == null ? 0 : 1)
                + (e.ended() == null ? 0 : 1);
        if ((e.lead() != null || e.meetingBooked() != null) && (phone == null || phone.isBlank())) {
            run.failures.add(where + ": lead and meeting_booked need the conversation's 'as' (caller phone)");
            return;
        }
        run.failures.addAll(stateFailures(e, session, tools).stream().map(f -> where + ": " + f).toList());
    }

    private List<String> stateFailures(EvalSuite.Expect e, ChatSession session, List<ToolEvent> tools) {
        List<String> failures = new ArrayList<>(toolFailures(e, tools));
        Lead lead = session.lead() == null ? null : leads.get(session.tenant(), session.lead().id());
        if (e.lead() != null) {
            for (Map.Entry<String, String> want : e.lead().entrySet()) {
                String have = lead == null ? null : field(lead, want.getKey());
                if (have == null || !have.strip().equalsIgnoreCase(want.getValue().strip())) {
                    failures.add("lead " + want.getKey() + " is " + (have == null ? "not set" : "'" + have + "'")
                            + ", expected '" + want.getValue() + "'");
                }
            }
        }
        if (e.meetingBooked() != null) {
            List<Meeting> booked = lead == null ? List.of() : meetings.forLead(session.tenant(), lead.id()).stream()
                    .filter(m -> m.status() == MeetingStatus.SCHEDULED || m.status() == MeetingStatus.CONFIRMED)
                    .toList();
            boolean want = !"false".equals(e.meetingBooked());
            boolean kindFits = switch (e.meetingBooked()) {
                case "viewing", "meeting" -> booked.stream().anyMatch(m -> m.kind().id().equals(e.meetingBooked()));
                default -> !booked.isEmpty();
            };
            if (want && !kindFits) {
                failures.add("no " + ("true".equals(e.meetingBooked()) ? "" : e.meetingBooked() + " ")
                        + "meeting booked");
            } else if (!want && !booked.isEmpty()) {
                failures.add(booked.size() + " meeting(s) booked, expected none");
            }
        }
        if (e.ended() != null) {
            CallDecision d = session.ended();
            String how = d instanceof CallDecision.Transfer ? "transfer" : d instanceof CallDecision.EndCall
                    ? "end_call" : null;
            if (!e.ended().equals(how)) {
                failures.add("ended " + (how == null ? "not at all" : "by " + how) + ", expected " + e.ended());
            }
        }
        return failures;
    }

    private static List<String> toolFailures(EvalSuite.Expect e, List<ToolEvent> tools) {
        List<String> failures = new ArrayList<>();
        for (EvalSuite.ToolExpectation want : e.tools()) {
            if (tools.stream().noneMatch(t -> t.call().name().equals(want.name())
                    && argumentsMatch(want.arguments(), t.call().argumentsJson()))) {
                List<String> seen = tools.stream().filter(t -> t.call().name().equals(want.name()))
                        .map(t -> t.call().argumentsJson()).toList();
                failures.add(want.name() + " not called" + (want.arguments() == null ? "" : " with " + want.arguments())
                        + (seen.isEmpty() ? "" : " (called with " + String.join(", ", seen) + ")"));
            }
        }
        return failures;
    }

    static boolean argumentsMatch(@Nullable JsonNode want, String actualJson) {
        if (want == null) {
            return true;
        }
        JsonNode actual;
        try {
            actual = JSON.readTree(actualJson == null ? "" : actualJson);
        } catch (IOException e) {
            return false;
        }
        if (actual == null || !actual.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = want.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!valueMatches(f.getValue(), actual.get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(JsonNode want, @Nullable JsonNode have) {
        if (have == null || have.isNull()) {
            return want.isNull();
        }
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        if (want.isTextual() && have.isTextual()) {
            return want.asText().strip().equalsIgnoreCase(have.asText().strip());
        }
        if (want.isArray() && have.isArray() && want.size() == have.size()) {
            for (int i = 0; i < want.size(); i++) {
                if (!valueMatches(want.get(i), have.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(have);
    }

    private static @Nullable String field(Lead lead, String key) {
        return switch (key) {
            case "name" -> lead.name();
            case "email" -> lead.email();
            case "status" -> lead.status();
            default -> lead.qualification().get(key);
        };
    }

    private record ToolEvent(ToolCall call, ToolResult result) {
    }

    private static final class TurnEvents implements AgentLoop.Listener {
        final List<ToolEvent> tools = new ArrayList<>();

        @Override
        public void onText(String delta) {
        }

        @Override
        public synchronized void onToolResult(ToolCall call, ToolResult result) {
            tools.add(new ToolEvent(call, result));
        }
    }

    private static final class Run {
        int turns;
        int expectations;
        final List<String> failures = new ArrayList<>();
        final List<String> transcript = new ArrayList<>();
        final List<ToolEvent> allTools = new ArrayList<>();
        final StringBuilder replies = new StringBuilder();
    }
}
