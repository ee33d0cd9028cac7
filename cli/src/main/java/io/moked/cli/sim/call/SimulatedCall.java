package io.moked.cli.sim.call;

import io.moked.cli.sim.report.CadenceJitter;
import io.moked.cli.sim.report.LoadReport;
import io.moked.cli.sim.report.Metric;
import io.moked.cli.sim.twilio.AgentMessage;
import io.moked.cli.sim.twilio.CallIdentity;
import io.moked.cli.sim.twilio.MediaStreamClient;
import io.moked.cli.sim.twilio.Playback;
import io.moked.cli.sim.twilio.TwilioMessages;
import io.moked.cli.sim.twilio.VoiceWebhook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call placed the way Twilio places it ({@link CallSetup}), then driven tick by tick of the run's shared
 * scheduler: one 20 ms μ-law frame per tick (the scenario's speech, silence in between), the agent's audio played
 * back at real time with marks echoed and {@code clear} honoured, {@code stop} at the end. What the caller waits for
 * between turns is decided by {@link CallerTurns}. All state is guarded by this object's lock: ticks come from the
 * scheduler, agent messages from the HTTP client's threads.
 */
public final class SimulatedCall implements MediaStreamClient.Handler {
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long FRAME_MS = 20;
    private static final double NANOS_PER_MS = 1e6;
    private static final long NANOS_PER_ULAW_BYTE = 125_000;
    private static final byte[] SILENCE = silence();
    private static final String SILENCE_BASE64 = Base64.getEncoder().encodeToString(SILENCE);

    private final CallEnvironment env;
    private final CallIdentity id;
    private final CallListener listener;
    private final LoadReport report;
    private final AudioTap tap;
    private final CadenceJitter jitter;
    private final Playback playback = new Playback();
    private final CallerTurns turns;
    private final CompletableFuture<CallResult> done = new CompletableFuture<>();
    private final List<String> errors = new ArrayList<>();
    private final byte[] heard = new byte[Playback.FRAME_BYTES];

    private MediaStreamClient stream;
    private ScheduledFuture<?> ticker;
    private boolean streaming;
    private boolean ended;
    private long startNanos;
    private long frame;
    private long sequence;
    private long agentMessages;
    private long marksEchoed;
    private double webhookMs = -1;

    public SimulatedCall(CallEnvironment env, Scenario scenario, CallIdentity id, CallListener listener,
                         LoadReport report, AudioTap tap) {
        this.env = env;
        this.id = id;
        this.listener = listener;
        this.report = report;
        this.tap = tap;
        this.jitter = report.newJitterMeter();
        this.turns = new CallerTurns(scenario, playback, report, listener, this::error);
    }

    public CallIdentity identity() {
        return id;
    }

    /** Places the call; the future completes when it has ended, never exceptionally. */
    public CompletableFuture<CallResult> start() {
        report.callStarted();
        CallSetup.open(env, id, this, listener, report).whenComplete((opened, error) -> {
            if (error != null) {
                Throwable c = CallSetup.cause(error);
                String kind = c instanceof CallSetup.Failure ? ((CallSetup.Failure) c).kind : "simulator_error";
                end(kind, c.getMessage(), false);
            } else {
                onOpen(opened);
            }
        });
        return done;
    }

    private synchronized void onOpen(CallSetup.Opened opened) {
        stream = opened.stream();
        webhookMs = opened.webhookMs();
        if (ended) {
            stream.abort();
            return;
        }
        stream.send(TwilioMessages.connected());
        stream.send(TwilioMessages.start(++sequence, id, opened.twiml().streamParameters()));
        startNanos = System.nanoTime();
        streaming = true;
        turns.streamStarted(startNanos);
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
        if (ended) {
            return;
        }
        long now = System.nanoTime();
        report.stats(Metric.SEND_LAG).recordNanos(now - (startNanos + (frame + 1) * FRAME_NANOS));
        for (String mark : playback.tick(heard)) {
            echoMark(mark);
        }
        CallerTurns.Next next = turns.beforeFrame(now);
        if (next == CallerTurns.Next.HANG_UP) {
            end(null, null, true);
            return;
        }
        byte[] said = turns.nextFrame(SILENCE);
        String payload = said == SILENCE ? SILENCE_BASE64 : Base64.getEncoder().encodeToString(said);
        frame++;
        stream.send(TwilioMessages.media(++sequence, id.streamSid(), frame, (frame - 1) * FRAME_MS, payload));
        tap.frame(frame - 1, said, heard);
        turns.afterFrame(now);
        if (turns.overdue(now)) {
            end("call_timeout", "the scenario did not finish in time", true);
        }
    }

    @Override
    public synchronized void onAgentMessage(AgentMessage message, long nanos) {
        if (ended || !streaming) {
            return;
        }
        switch (message.kind()) {
            case MEDIA:
                agentMessages++;
                jitter.onChunk(nanos, message.audio().length * NANOS_PER_ULAW_BYTE);
                turns.agentAudio(nanos);
                playback.enqueueAudio(message.audio());
                break;
            case MARK:
                playback.enqueueMark(message.markName());
                break;
            case CLEAR:
                for (String mark : playback.clear()) {
                    echoMark(mark);
                }
                turns.cleared(nanos);
                break;
            default:
                break;
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
            // the appliance may hang up after its last reply (end of the conversation): that completes the call
            boolean finished = turns.finishedWithReply();
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
        if (ended) {
            return;
        }
        ended = true;
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
        turns.close();
        long durationMs = streaming ? Math.round((System.nanoTime() - startNanos) / NANOS_PER_MS) : 0;
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
                result = new CallResult(id.callSid(), completed, errors, webhookMs, turns.greetingMs(),
                        turns.results(), frame, agentMessages, marksEchoed, durationMs);
            }
            listener.onEnded(result);
            done.complete(result);
        });
    }

    /** As Twilio does for a number with a status callback URL: the call is {@code completed}. */
    private CompletableFuture<?> postStatus(long durationMs) {
        return new VoiceWebhook(env.http(), env.authToken())
                .post(env.statusSignedUrl(), env.statusTargetUrl(),
                        VoiceWebhook.completedCallParams(id, durationMs / 1000))
                .handle((answer, error) -> {
                    if (error != null || answer.status() / 100 != 2) {
                        synchronized (this) {
                            error("status_callback", error != null ? CallSetup.cause(error).toString()
                                    : "HTTP " + answer.status());
                        }
                    }
                    return null;
                });
    }

    private static byte[] silence() {
        byte[] b = new byte[Playback.FRAME_BYTES];
        Arrays.fill(b, Playback.SILENCE);
        return b;
    }
}
