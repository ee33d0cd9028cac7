package io.moked.cli.sim;

import io.moked.cli.output.Output;
import io.moked.cli.sim.call.CallListener;
import io.moked.cli.sim.call.CallResult;
import io.moked.cli.sim.twilio.Twiml;

import java.util.Locale;

/** Prints a simulated call as it happens (stderr in JSON mode, so stdout stays one JSON document). */
final class CallPrinter implements CallListener {
    private final Output out;

    CallPrinter(Output out) {
        this.out = out;
    }

    private void line(String who, String text) {
        String row = String.format(Locale.ROOT, "  %-12s %s", who, text);
        if (out.isJson()) {
            out.note(row);
        } else {
            out.line(row);
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
        line("caller #" + (turn + 1), label + (bargeIn ? "  (barging in)" : ""));
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
        String extra = line.latencyMs() >= 0 ? "  [" + line.latencyMs() + " ms]" : "";
        line(who, line.text() + extra + (line.interrupted() ? "  (interrupted)" : ""));
    }
}
