package io.moked.cli.sim.call;

import io.moked.cli.sim.report.CadenceJitter;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.Metric;
import io.moked.cli.sim.twilio.AgentMessage;
import io.moked.cli.sim.twilio.CallIdentity;
import io.moked.cli.sim.twilio.MediaStreamClient;
import io.moked.cli.sim.twilio.Playback;
import io.moked.cli.sim.twilio.TwilioMessages;
import io.moked.cli.sim.twilio.TwilioSignature;
import io.moked.cli.sim.twilio.Twiml;
import io.moked.cli.sim.twilio.VoiceWebhook;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call placed the way Twilio places it: signed webhook, TwiML, signed media WebSocket, {@code connected} and
 * {@code start}, then one 20 ms μ-law frame every tick of the shared scheduler (the scenario's speech, silence in
 * between), the agent's audio played back at real time with marks echoed and {@code clear} honoured, {@code stop}.
 * All state is guarded by this object's lock; ticks come from the scheduler, agent messages from the HTTP client.
 */
public final class SimulatedCall implements MediaStreamClient.Handler {
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long NANOS_PER_MS = 1_000_000;
    private static final long NANOS_PER_ULAW_BYTE = 125_000;
    private static final byte[] SILENCE = filled(Playback.SILENCE);
    private static final String SILENCE_BASE64 = Base64.getEncoder().encodeToString(SILENCE);

    private enum Phase { CONNECTING, GREETING, SPEAKING, WAITING, DONE }

    private final CallEnvironment env;
    private final Scenario scenario;
    private final CallIdentity id;
    private final CallListener listener;
    private final LoadReport report;
    private final AudioTap tap;
    private final CadenceJitter jitter;
    private final Playback playback = new Playback();
    private final CompletableFuture<CallResult> done = new CompletableFuture<>();
    private final List<String> errors = new ArrayList<>();
    private final List<CallResult.TurnResult> turnResults = new ArrayList<>();
    private final byte[] heard = new byte[Playback.FRAME_BYTES];

    private MediaStreamClient stream;
    private ScheduledFuture<?> ticker;
    private Phase phase = Phase.CONNECTING;
    private long webhookStartNanos;
    private long startNanos;
    private long frame;
    private long sequence;
    private long agentMessages;
    private long marksEchoed;
    private double webhookMs = -1;
    private double greetingMs = -1;
    private int turn = -1;
    private int turnFrame;
    private long replyStartNanos;
    private long lastAgentAudioNanos;
    private long endOfSpeechNanos;
    private boolean replyHeard;
    private long bargeOnsetNanos;
    private boolean awaitingClear;
    private double turnLatencyMs;
    private double turnClearMs;

    public SimulatedCall(CallEnvironment env, Scenario scenario, CallIdentity id, CallListener listener,
                         LoadReport report, AudioTap tap) {
        this.env = env;
        this.scenario = scenario;
        this.id = id;
        this.listener = listener;
        this.report = report;
        this.tap = tap;
        this.jitter = new CadenceJitter(report.stats(Metric.JITTER));
    }

    public CallIdentity identity() {
        return id;
    }

    /** Places the call; the future completes when it has ended, never exceptionally. */
    public CompletableFuture<CallResult> start() {
        report.callStarted();
        webhookStartNanos = System.nanoTime();
        new VoiceWebhook(env.http(), env.authToken())
                .post(env.voiceSignedUrl(), env.voiceTargetUrl(), VoiceWebhook.incomingCallParams(id))
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        end("webhook_io", cause(error).toString(), false);
                    } else {
                        onWebhookAnswer(answer);
                    }
                });
        return done;
    }

    private void onWebhookAnswer(VoiceWebhook.Answer answer) {
        webhookMs = answer.latencyNanos() / (double) NANOS_PER_MS;
        report.stats(Metric.WEBHOOK).recordNanos(answer.latencyNanos());
        if (answer.status() != 200) {
            listener.onWebhook(id.callSid(), answer.status(), Math.round(webhookMs), null);
            end("webhook_http_" + answer.status(), abbreviate(answer.body()), false);
            return;
        }
        Twiml twiml;
        try {
            twiml = Twiml.parse(answer.body());
        } catch (IllegalArgumentException e) {
            end("twiml_invalid", e.getMessage(), false);
            return;
        }
        listener.onWebhook(id.callSid(), answer.status(), Math.round(webhookMs), twiml);
        if (twiml.outcome() != Twiml.Outcome.STREAM) {
            end("twiml_" + twiml.outcome().name().toLowerCase(Locale.ROOT), String.join(" ", twiml.said()), false);
            return;
        }
        String signature = TwilioSignature.sign(env.authToken(), twiml.streamUrl(), Map.of());
        MediaStreamClient.connect(env.http(), env.connectUri(twiml.streamUrl()), signature, this)
                .whenComplete((client, error) -> {
                    if (error != null) {
                        Throwable c = cause(error);
                        String kind = c instanceof WebSocketHandshakeException
                                ? "ws_handshake_" + ((WebSocketHandshakeException) c).getResponse().statusCode()
                                : "ws_connect";
                        end(kind, c.toString(), false);
                    } else {
                        onOpen(client, twiml.streamParameters());
                    }
                });
    }

    private synchronized void onOpen(MediaStreamClient client, Map<String, String> parameters) {
        stream = client;
        if (phase == Phase.DONE) {
            client.abort();
            return;
        }
        client.send(TwilioMessages.connected());
        client.send(TwilioMessages.start(++sequence, id, parameters));
        startNanos = System.nanoTime();
        phase = Phase.GREETING;
        listener.onStreamStarted(id.callSid(), id.streamSid());
        ticker = env.scheduler().scheduleAtFixedRate(this::tickSafely, FRAME_NANOS, FRAME_NANOS,
                TimeUnit.NANOSECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a bug in one call ends that call, never the scheduler that paces all the others
            end("simulator_error", e.toString(), false);
        }
    }

    private synchronized void tick() {
        if (phase == Phase.DONE) {
            return;
        }
        long now = System.nanoTime();
        report.stats(Metric.SEND_LAG).recordNanos(now - (startNanos + (frame + 1) * FRAME_NANOS));
        for (String mark : playback.tick(heard)) {
            echoMark(mark);
        }
        advance(now);
        if (phase == Phase.DONE) {
            return;
        }
        byte[] said = SILENCE;
        String payload = SILENCE_BASE64;
        if (phase == Phase.SPEAKING) {
            said = speechFrame();
            payload = Base64.getEncoder().encodeToString(said);
        }
        frame++;
        stream.send(TwilioMessages.media(++sequence, id.streamSid(), frame, (frame - 1) * 20, payload));
        tap.frame(frame - 1, said, heard);
        if (phase == Phase.SPEAKING && (long) turnFrame * Playback.FRAME_BYTES >= current().ulaw().length) {
            // Twilio sends a frame once its 20 ms were captured: the last speech frame leaving is the end of speech
            endOfSpeechNanos = now;
            phase = Phase.WAITING;
            listener.onCallerSilent(turn);
        }
        if (now - startNanos > scenario.maxDurationMs() * NANOS_PER_MS) {
            end("call_timeout", "scenario did not finish within " + scenario.maxDurationMs() + " ms", true);
        }
    }

    private void advance(long now) {
        Scenario.Timing timing = scenario.timing();
        if (phase == Phase.GREETING) {
            Scenario.Turn first = scenario.turns().get(0);
            if (replyHeard && bargeDue(first, now)) {
                beginTurn(0, now, true);
            } else if (replyHeard && agentIdle(now)) {
                beginTurn(0, now, false);
            } else if (!replyHeard && now - startNanos > timing.greetingTimeoutMs() * NANOS_PER_MS) {
                error("no_greeting", "no agent audio " + timing.greetingTimeoutMs() + " ms after start");
                beginTurn(0, now, false);
            }
            return;
        }
        if (phase != Phase.WAITING) {
            return;
        }
        if (!replyHeard && now - endOfSpeechNanos > timing.replyTimeoutMs() * NANOS_PER_MS) {
            error("no_reply", "turn " + turn + ": no agent audio " + timing.replyTimeoutMs() + " ms after speech");
            replyHeard = true;
            lastAgentAudioNanos = now - timing.agentIdleMs() * NANOS_PER_MS;
        }
        if (awaitingClear && now - bargeOnsetNanos > timing.clearTimeoutMs() * NANOS_PER_MS) {
            error("no_clear", "turn " + turn + ": no clear " + timing.clearTimeoutMs() + " ms after barge-in");
            awaitingClear = false;
        }
        if (now - endOfSpeechNanos < current().pauseMs() * NANOS_PER_MS || !replyHeard || awaitingClear) {
            return;
        }
        if (turn == scenario.turns().size() - 1) {
            if (agentIdle(now)) {
                closeTurn();
                end(null, null, true);
            }
            return;
        }
        Scenario.Turn next = scenario.turns().get(turn + 1);
        if (bargeDue(next, now)) {
            closeTurn();
            beginTurn(turn + 1, now, true);
        } else if (agentIdle(now)) {
            closeTurn();
            beginTurn(turn + 1, now, false);
        }
    }

    /** A barge-in turn starts once the agent has talked that long and is still talking. */
    private boolean bargeDue(Scenario.Turn t, long now) {
        return t.bargeInAfterMs() != null && playback.isPlaying()
                && now - replyStartNanos >= t.bargeInAfterMs() * NANOS_PER_MS;
    }

    private boolean agentIdle(long now) {
        return !playback.isPlaying() && now - lastAgentAudioNanos >= scenario.timing().agentIdleMs() * NANOS_PER_MS;
    }

    private void beginTurn(int index, long now, boolean bargeIn) {
        turn = index;
        turnFrame = 0;
        replyHeard = false;
        turnLatencyMs = -1;
        turnClearMs = -1;
        awaitingClear = bargeIn;
        bargeOnsetNanos = bargeIn ? now : 0;
        phase = Phase.SPEAKING;
        listener.onCallerSpeaks(index, current().label(), bargeIn);
    }

    private void closeTurn() {
        Scenario.Turn t = current();
        turnResults.add(new CallResult.TurnResult(turn, t.label(), t.bargeInAfterMs() != null && bargeOnsetNanos > 0,
                t.speechMs(), turnLatencyMs, turnClearMs));
    }

    private Scenario.Turn current() {
        return scenario.turns().get(turn);
    }

    private byte[] speechFrame() {
        byte[] audio = current().ulaw();
        int from = turnFrame++ * Playback.FRAME_BYTES;
        if (from + Playback.FRAME_BYTES <= audio.length) {
            return Arrays.copyOfRange(audio, from, from + Playback.FRAME_BYTES);
        }
        byte[] last = SILENCE.clone();
        System.arraycopy(audio, from, last, 0, audio.length - from);
        return last;
    }

    @Override
    public synchronized void onAgentMessage(AgentMessage message, long nanos) {
        if (phase == Phase.DONE || phase == Phase.CONNECTING) {
            return;
        }
        switch (message.kind()) {
            case MEDIA:
                onAgentAudio(message.audio(), nanos);
                break;
            case MARK:
                playback.enqueueMark(message.markName());
                break;
            case CLEAR:
                onClear(nanos);
                break;
            default:
                break;
        }
    }

    private void onAgentAudio(byte[] audio, long nanos) {
        agentMessages++;
        jitter.onChunk(nanos, audio.length * NANOS_PER_ULAW_BYTE);
        if (phase == Phase.GREETING && !replyHeard) {
            replyHeard = true;
            replyStartNanos = nanos;
            greetingMs = (nanos - startNanos) / (double) NANOS_PER_MS;
            report.stats(Metric.GREETING).recordNanos(nanos - startNanos);
            listener.onGreetingAudio(Math.round(greetingMs));
        } else if (phase == Phase.WAITING && !replyHeard && nanos >= endOfSpeechNanos) {
            replyHeard = true;
            replyStartNanos = nanos;
            turnLatencyMs = (nanos - endOfSpeechNanos) / (double) NANOS_PER_MS;
            report.stats(Metric.TURN).recordNanos(nanos - endOfSpeechNanos);
            listener.onAgentReply(turn, Math.round(turnLatencyMs));
        }
        lastAgentAudioNanos = nanos;
        playback.enqueueAudio(audio);
    }

    private void onClear(long nanos) {
        for (String mark : playback.clear()) {
            echoMark(mark);
        }
        if (awaitingClear) {
            awaitingClear = false;
            turnClearMs = (nanos - bargeOnsetNanos) / (double) NANOS_PER_MS;
            report.stats(Metric.CLEAR).recordNanos(nanos - bargeOnsetNanos);
            listener.onClear(turn, Math.round(turnClearMs));
        } else if (phase != Phase.SPEAKING) {
            // the caller was silent: nothing justified an interruption
            error("unexpected_clear", "clear while the caller was silent (turn " + turn + ")");
        }
    }

    private void echoMark(String name) {
        marksEchoed++;
        stream.send(TwilioMessages.mark(++sequence, id.streamSid(), name));
    }

    @Override
    public void onMalformed(String problem) {
        synchronized (this) {
            error("malformed_message", problem);
        }
    }

    @Override
    public void onClosed(int statusCode, String reason) {
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            // the appliance may hang up after its last reply (end of conversation): that completes the call
            boolean finished = phase == Phase.WAITING && turn == scenario.turns().size() - 1 && replyHeard;
            if (finished) {
                closeTurn();
            }
            end(finished ? null : "ws_closed_early", "closed by the appliance: " + statusCode + " " + reason,
                    finished);
        }
    }

    @Override
    public void onError(Throwable error) {
        end("ws_error", error.toString(), false);
    }

    private void error(String kind, String detail) {
        errors.add(kind);
        report.error(kind);
        listener.onError(kind, detail);
    }

    /** Ends the call once: records the error (if any), sends {@code stop}, closes, reports. */
    private synchronized void end(String errorKind, String detail, boolean completed) {
        if (phase == Phase.DONE) {
            return;
        }
        boolean streaming = phase != Phase.CONNECTING;
        phase = Phase.DONE;
        if (errorKind != null) {
            error(errorKind, detail);
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (stream != null) {
            stream.send(TwilioMessages.stop(++sequence, id));
            stream.close();
        }
        if (turn >= 0 && turnResults.size() == turn) {
            closeTurn();  // the turn that was under way when the call ended early
        }
        long durationMs = streaming ? (System.nanoTime() - startNanos) / NANOS_PER_MS : 0;
        if (completed) {
            report.callCompleted();
        }
        report.callerFrames(frame);
        report.agentFrames(agentMessages);
        CompletableFuture<?> status = env.statusCallbacks() && streaming ? postStatus(durationMs)
                : CompletableFuture.completedFuture(null);
        status.whenComplete((r, e) -> {
            CallResult result;
            synchronized (this) {
                result = new CallResult(id.callSid(), completed, errors, webhookMs, greetingMs, turnResults, frame,
                        agentMessages, marksEchoed, durationMs);
            }
            listener.onEnded(result);
            done.complete(result);
        });
    }

    private CompletableFuture<?> postStatus(long durationMs) {
        return new VoiceWebhook(env.http(), env.authToken())
                .post(env.statusSignedUrl(), env.statusTargetUrl(),
                        VoiceWebhook.completedCallParams(id, durationMs / 1000))
                .handle((answer, error) -> {
                    if (error != null || answer.status() / 100 != 2) {
                        synchronized (this) {
                            error("status_callback", error != null ? cause(error).toString()
                                    : "HTTP " + answer.status());
                        }
                    }
                    return null;
                });
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static byte[] filled(byte value) {
        byte[] b = new byte[Playback.FRAME_BYTES];
        Arrays.fill(b, value);
        return b;
    }
}
