package io.moked.cli.sim;

import io.moked.cli.output.Direction;
import io.moked.cli.output.Output;
import io.moked.cli.output.Text;
import io.moked.cli.sim.call.CallListener;
import io.moked.cli.sim.call.CallResult;
import io.moked.cli.sim.twilio.Twiml;

import java.util.Locale;

/**
 * Prints a simulated call as it happens (stderr in JSON mode, so stdout stays one JSON document). Each event is a
 * labelled line ({@link Output#labelled}): what the caller and the agent said is its own paragraph, in the tenant's
 * language direction, wrapped under itself, with timings after it.
 */
final class CallPrinter implements CallListener {
    /** "  " + a 12-column label + a space, as the events have always been printed. */
    private static final int LABEL_COLUMNS = 15;
    private final Output out;
    private final Direction written;

    /** @param written direction of what was said when it has no letters (the tenant's locale) */
    CallPrinter(Output out, Direction written) {
        this.out = out;
        this.written = written;
    }

    private void line(String who, String text) {
        line(who, text, null);
    }

    private void line(String who, Object value, String trailer) {
        if (out.isJson()) {
            // the human's copy goes to stderr, laid out the same way
            out.labelledLines("  " + who, LABEL_COLUMNS, value, trailer).forEach(out.err()::println);
            out.err().flush();
        } else {
            out.labelled("  " + who, LABEL_COLUMNS, value, trailer);
            out.out().flush();
        }
    }

    @Override
    public void onWebhook(String callSid, int status, long latencyMs, Twiml twiml) {
        String next = twiml == null ? "" : switch (twiml.outcome()) {
            case STREAM -> " → media stream " + twiml.streamUrl();
            case VOICEMAIL -> " → voicemail: " + String.join(" ", twiml.said());
            case HANGUP -> " → hang-up: " + String.join(" ", twiml.said());
        };
        line("webhook", "HTTP " + status + " in " + latencyMs + " ms" + next);
    }

    @Override
    public void onStreamStarted(String callSid, String streamSid) {
        line("stream", "connected, start sent (" + streamSid + ")");
    }

    @Override
    public void onGreetingAudio(long latencyMs) {
        line("agent", "greeting: first audio " + latencyMs + " ms after start");
    }

    @Override
    public void onCallerSpeaks(int turn, String label, boolean bargeIn) {
        line("caller #" + (turn + 1), Text.of(label, written), bargeIn ? "(barging in)" : null);
    }

    @Override
    public void onAgentReply(int turn, long latencyMs) {
        line("agent #" + (turn + 1), "first audio " + latencyMs + " ms after the caller stopped speaking");
    }

    @Override
    public void onClear(int turn, long latencyMs) {
        line("agent #" + (turn + 1), "clear " + latencyMs + " ms after barge-in onset");
    }

    @Override
    public void onError(String kind, String detail) {
        line("ERROR", kind + (detail == null || detail.isBlank() ? "" : ": " + detail));
    }

    @Override
    public void onEnded(CallResult result) {
        line("stream", (result.completed() ? "stop sent, call completed" : "call ended early") + " after "
                + String.format(Locale.ROOT, "%.1f s", result.durationMs() / 1000.0) + "; " + result.callerFrames()
                + " frames sent, " + result.agentMessages() + " agent media received, " + result.marksEchoed()
                + " marks echoed");
    }

    void transcript(TranscriptSource.Line line) {
        String who = "caller".equals(line.role()) ? "said" : "agent said";
        String latency = line.latencyMs() >= 0 ? "[" + line.latencyMs() + " ms]" : "";
        String interrupted = line.interrupted() ? "(interrupted)" : "";
        String trailer = (latency + "  " + interrupted).strip();
        line(who, Text.of(line.text(), written), trailer.isEmpty() ? null : trailer);
    }
}
