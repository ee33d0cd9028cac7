package io.moked.call;

import io.micronaut.context.annotation.Value;
import io.moked.agent.AgentLoop;
import io.moked.agent.AgentProcessor;
import io.moked.agent.AgentSettings;
import io.moked.agent.CallSummarizer;
import io.moked.agent.Conversation;
import io.moked.agent.EscalationPhrases;
import io.moked.agent.Keypad;
import io.moked.agent.tools.ToolContext;
import io.moked.agent.tools.ToolRegistry;
import io.moked.crm.tenant.Tenant;
import io.moked.llm.LlmRouter;
import io.moked.pipeline.FrameProcessor;
import io.moked.pipeline.MediaOutput;
import io.moked.pipeline.PipelineContext;
import io.moked.pipeline.Wakeups;
import io.moked.pipeline.processors.AudioPacingProcessor;
import io.moked.pipeline.processors.PlaybackProcessor;
import io.moked.pipeline.processors.SentenceAggregator;
import io.moked.pipeline.processors.SttProcessor;
import io.moked.pipeline.processors.TtsProcessor;
import io.moked.pipeline.processors.VadFrameProcessor;
import io.moked.pipeline.turn.InterruptionProcessor;
import io.moked.stt.SttRouter;
import io.moked.tts.TtsRouter;
import io.moked.vad.VadParams;
import io.moked.vad.VadService;
import io.moked.pipeline.CallEnd;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds a call's pipeline: VAD → STT → interruptions → agent → sentence aggregator → TTS → output pacing → playback, with the
 * recorder (persistence, recording, metrics) as observer. Only wiring; each piece does its own job.
 */
@Singleton
public class CallSessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CallSessionFactory.class);
    /** Longest a greeting sentence waits for its ahead-of-time synthesis before it is synthesized live. */
    static final long GREETING_WAIT_MS = 400;
    /** Audit actor of what the assistant writes during a call: {@code call:<CallSid>}. */
    static final String ACTOR_PREFIX = "call:";
    /** Message key said when re-asking ran out: the offer of a transfer or a call-back. */
    static final String REASK_OFFER = "reask-offer";

    private final CallConfig config;
    private final CallExecutors executors;
    private final VadService vad;
    private final SttRouter stt;
    private final LlmRouter llm;
    private final TtsRouter tts;
    private final CallJournal journal;
    private final CallMetrics metrics;
    private final CallRegistry registry;
    private final SpeechText speech;
    private final InterruptionPolicy interruptions;
    private final ReplyTimingConfig replies;
    private final Path recordingsDir;
    private final ToolRegistry tools;
    private final CallTransfers transfers;
    private final Clock clock;
    private final CallSummarizer summarizer;
    private final MediaStreamConfig streamConfig;

    public CallSessionFactory(CallConfig config, CallExecutors executors, VadService vad, SttRouter stt, LlmRouter llm,
                              TtsRouter tts, CallJournal journal, CallMetrics metrics, CallRegistry registry,
                              SpeechText speech, ToolRegistry tools, CallTransfers transfers, Clock clock,
                              CallSummarizer summarizer, MediaStreamConfig streamConfig,
                              InterruptionPolicy interruptions, ReplyTimingConfig replies,
                              @Value("${moked.data-dir:./var}") String dataDir) {
        this.summarizer = summarizer;
        this.tools = tools;
        this.transfers = transfers;
        this.clock = clock;
        this.streamConfig = streamConfig;
        this.config = config;
        this.executors = executors;
        this.vad = vad;
        this.stt = stt;
        this.llm = llm;
        this.tts = tts;
        this.journal = journal;
        this.metrics = metrics;
        this.registry = registry;
        this.speech = speech;
        this.interruptions = interruptions;
        this.replies = replies;
        metrics.vadBatching(vad, VadService::batchedInferences, VadService::batchedChunks);
        this.recordingsDir = config.recordingsDir() == null || config.recordingsDir().isBlank()
                ? Path.of(dataDir, "recordings") : Path.of(config.recordingsDir());
    }

    public Path recordingsDir() {
        return recordingsDir;
    }

    /**
     * @param output      the media stream's audio side
     * @param closeStream ends the media stream (when the agent ends the call)
     */
    public CallSession create(CallSlot slot, MediaOutput output, Runnable closeStream) {
        CallPlan plan = slot.plan();
        PipelineContext context = new PipelineContext(executors.pipeline(),
                Map.of("callSid", plan.callSid(), "tenant", plan.tenantSlug()));
        Path recording = plan.recordingEnabled() ? recordingFile(plan) : null;
        CallRecorder recorder = new CallRecorder(plan, journal, metrics, executors.persistence(), context, recording);
        AgentLoop loop = new AgentLoop(llm::chat, tools, new ToolContext(plan.tenant(), plan.leadId(), plan.callId(),
                clock, ACTOR_PREFIX + plan.callSid()), executors.tools(),
                new Conversation(plan.systemPrompt(), config.maxHistoryMessages()),
                new AgentLoop.Settings(config.temperature(), config.maxTokens(), config.maxToolRounds(),
                        plan.callSid()));
        AudioPacingProcessor pacing = new AudioPacingProcessor(output, executors.pacer(),
                Wakeups.on(executors.pacer()), context.clock(), config.chunkMs(), config.leadMs(),
                config.markTimeoutMs());
        List<FrameProcessor> processors = List.of(
                new VadFrameProcessor(vad.newProcessor(vadParams(plan))
                        .preemptAfterSilenceMs(replies.preemptiveSttSilenceMs())),
                new SttProcessor(stt::transcribe, plan.language()),
                new InterruptionProcessor(interruptions.forTenant(plan.tenantSlug()), Wakeups.on(executors.pacer())),
                new AgentProcessor(loop, agentSettings(plan), recorder::toolTurn, replies.preemptiveLlm()),
                new SentenceAggregator(replies.firstClauseMinWords()),
                new TtsProcessor(synthesizer(plan), plan.language(), plan.voice(), speech::forSpeech),
                pacing,
                new PlaybackProcessor());
        context.addObserver(recorder);
        InboundTimeline inbound = new InboundTimeline(streamConfig.realTimeSlackMs(), metrics::inboundFrames);
        CallSession session = new CallSession(slot, processors, context, pacing, recorder, registry, llm,
                closeStream, inbound, say -> transfers.redirect(plan, say), executors.tools());
        slot.session(session);
        // the summary reads the stored turns: it starts once the call is finished and its turns are written
        session.finished().thenRun(() -> summarizer.summarizeLater(plan.tenant(), plan.callId(), plan.leadId()));
        return session;
    }

    /** The agent's settings from the tenant: keypad, escalation phrases, re-asking (phrases from its messages). */
    private AgentSettings agentSettings(CallPlan plan) {
        Tenant tenant = plan.tenant();
        boolean transferAvailable = plan.transferNumber() != null;
        List<String> reask = tenant.persona().reaskMessages().stream().map(key -> message(tenant, key)).toList();
        return new AgentSettings(plan.greeting(), plan.language(), Keypad.of(plan.dtmfActions(), transferAvailable),
                config.dtmfNoteTemplate(), plan.apology(), new EscalationPhrases(tenant.persona().escalationPhrases()),
                tenant.persona().sttMinConfidence(), reask, message(tenant, REASK_OFFER));
    }

    /** A tenant phrase; defaults come from moked.tenant-defaults.messages, a tenant may blank one (then silence). */
    private static String message(Tenant tenant, String key) {
        return tenant.message(key).orElse("");
    }

    /** The call's pipeline could not be built: the call ends as an error and its slot is freed. */
    public void failedToStart(CallSlot slot) {
        CallEnd end = slot.end(CallEnd.ERROR);
        CompletableFuture.runAsync(() -> {
            try {
                journal.callEnded(slot.plan(), end.id());
            } catch (RuntimeException e) {
                LOG.error("call {}: could not mark it ended", slot.callSid(), e);
            }
        }, executors.persistence());
        registry.release(slot.callSid());
    }

    /**
     * TTS for the call. A greeting sentence whose ahead-of-time synthesis is still running waits for it (bounded)
     * and then plays from the cache, instead of synthesizing the same sentence a second time in parallel.
     */
    private TtsProcessor.Synthesizer synthesizer(CallPlan plan) {
        List<String> greeting = speech.greetingSentences(plan.greeting());
        return (text, language, voice, sink, cancel) -> {
            CompletableFuture<?> ahead = plan.greetingAudio();
            if (ahead == null || ahead.isDone() || !greeting.contains(text)) {
                return tts.synthesize(text, language, voice, sink, cancel);
            }
            CompletableFuture<Object> bounded = new CompletableFuture<>();
            ahead.whenComplete((ok, error) -> bounded.complete(null));
            CompletableFuture.delayedExecutor(GREETING_WAIT_MS, TimeUnit.MILLISECONDS)
                    .execute(() -> bounded.complete(null));
            return bounded.thenCompose(ignored -> tts.synthesize(text, language, voice, sink, cancel));
        };
    }

    /** The appliance's endpointing with the tenant's end-of-turn silence, when it has one. */
    private VadParams vadParams(CallPlan plan) {
        VadParams defaults = vad.defaultParams();
        return plan.endOfTurnSilenceMs() == null ? defaults
                : defaults.withEndOfTurnSilenceMs(plan.endOfTurnSilenceMs());
    }

    /** {@code <recordings>/<tenant>/<UTC date>/<callSid>.wav} */
    private Path recordingFile(CallPlan plan) {
        return recordingsDir.resolve(plan.tenantSlug()).resolve(LocalDate.now(ZoneOffset.UTC).toString())
                .resolve(plan.callSid() + ".wav");
    }
}
