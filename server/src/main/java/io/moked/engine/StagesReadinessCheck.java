package io.moked.engine;

import io.moked.engine.openai.OpenAiConfig;
import io.moked.health.ReadinessCheck;
import io.moked.llm.LlmRouter;
import io.moked.llm.llama.LlamaConfig;
import io.moked.models.ModelCatalog;
import io.moked.models.ModelEntry;
import io.moked.stt.SttRouter;
import io.moked.stt.whisper.WhisperConfig;
import io.moked.tts.TtsRouter;
import io.moked.tts.g2p.G2pConfig;
import io.moked.tts.g2p.PhonemeConvention;
import io.moked.tts.piper.PiperSettings;
import io.moked.vad.VadService;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which engine serves each stage of a call (vad, stt, llm, g2p, tts), and whether it runs locally or on the
 * OpenAI-compatible server ("cloud"): in the appliance after warm-up from the routers' live state (the first
 * engine in each order that is warm with its breaker closed), elsewhere (agentctl doctor) from what is installed and
 * configured. Also lists active models whose licence forbids commercial use. Informational: it never makes the
 * appliance not ready (the stt/llm/tts checks do that).
 */
@Singleton
public class StagesReadinessCheck implements ReadinessCheck, io.micronaut.core.order.Ordered {
    private final VadService vad;
    private final SttRouter stt;
    private final LlmRouter llm;
    private final TtsRouter tts;
    private final ModelFiles models;
    private final ModelCatalog catalog;
    private final WhisperConfig whisper;
    private final LlamaConfig llama;
    private final PiperSettings piper;
    private final G2pConfig g2p;
    private final OpenAiConfig openai;

    public StagesReadinessCheck(VadService vad, SttRouter stt, LlmRouter llm, TtsRouter tts, ModelFiles models,
                                ModelCatalog catalog, WhisperConfig whisper, LlamaConfig llama, PiperSettings piper,
                                G2pConfig g2p, OpenAiConfig openai) {
        this.vad = vad;
        this.stt = stt;
        this.llm = llm;
        this.tts = tts;
        this.models = models;
        this.catalog = catalog;
        this.whisper = whisper;
        this.llama = llama;
        this.piper = piper;
        this.g2p = g2p;
        this.openai = openai;
    }

    @Override
    public String name() {
        return "stages";
    }

    @Override
    public boolean degradable() {
        return true;
    }

    /** One stage: engine name, where it runs (local | cloud | none), why. */
    record Stage(String engine, String where, String reason) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", engine);
            m.put("where", where);
            m.put("reason", reason);
            return m;
        }
    }

    @Override
    public Result check() {
        Map<String, Stage> stages = new LinkedHashMap<>();
        stages.put("vad", Files.isRegularFile(vad.modelFile())
                ? new Stage("silero", "local", vad.modelFile().getFileName().toString())
                : new Stage("none", "none", "Silero model missing: " + vad.fixHint()));
        stages.put("stt", serving(stt, "whisper", missing(whisper.model()), whisper.model()));
        stages.put("llm", serving(llm, "llama", missing(llama.model()), llama.model()));
        Stage ttsStage = serving(tts, "piper", piperFilesMissing(), piper.voice());
        stages.put("g2p", !"piper".equals(ttsStage.engine())
                ? new Stage("none", "none", "only the local Piper voice needs a G2P")
                : piper.hebrew() ? new Stage(piper.convention().id(), "local", "voice trained on "
                        + piper.convention().id() + " phonemes")
                : new Stage("espeak-ng", "local", "a " + piper.language() + " voice: phonemized by piper-jni"));
        stages.put("tts", ttsStage);
        List<String> warnings = licenceWarnings(stages);
        Map<String, Object> info = new LinkedHashMap<>();
        stages.forEach((k, v) -> info.put(k, v.toMap()));
        info.put("licenceWarnings", warnings);
        StringBuilder detail = new StringBuilder();
        stages.forEach((k, v) -> detail.append(detail.length() == 0 ? "" : "; ").append(k).append(": ")
                .append(v.engine()).append(" (").append(v.where()).append(")"));
        if (!warnings.isEmpty()) {
            detail.append("; WARNING: ").append(String.join("; ", warnings));
        }
        return new Result(true, detail.toString(), info);
    }

    /**
     * After warm-up: the first usable engine, with why the engines before it were passed over; before: the local
     * engine if its files are there, else the cloud when a key is configured.
     *
     * @param localMissing what the local engine lacks ("X not installed", a bad setting), empty when all is there
     */
    private Stage serving(KindRouter<?> router, String localName, Optional<String> localMissing, String localModel) {
        List<EngineStatus> status = router.status();
        List<String> why = new ArrayList<>();
        if (router.warmUpDone() || decided(status)) {
            for (EngineStatus s : status) {
                if (s.readiness() == EngineStatus.Readiness.READY && !"OPEN".equals(s.breaker())) {
                    why.add(s.engine() + " warm");
                    return new Stage(s.engine(), s.engine().equals(localName) ? "local" : "cloud",
                            String.join("; ", why));
                }
                why.add(s.engine() + (s.readiness() == EngineStatus.Readiness.READY ? " breaker open"
                        : " " + s.readiness().name().toLowerCase(java.util.Locale.ROOT))
                        + (s.lastError() == null ? "" : ": " + withoutPrefix(s.lastError(), s.engine() + ": ")));
            }
            return new Stage("none", "none", "no engine usable (" + String.join("; ", why) + ")");
        }
        for (EngineStatus s : status) {
            if (s.engine().equals(localName)) {
                if (localMissing.isEmpty()) {
                    return new Stage(localName, "local", "model installed (" + localModel + ")");
                }
                why.add(localName + ": " + localMissing.get());
            } else if (openai.apiKey() != null && !openai.apiKey().isBlank()
                    || openai.apiKeyFile() != null && !openai.apiKeyFile().isBlank()) {
                return new Stage(s.engine(), "cloud", String.join(", ", why) + (why.isEmpty() ? "" : "; ")
                        + "falls back to " + openai.baseUrl());
            } else {
                why.add(s.engine() + ": no API key (moked.openai.api-key)");
            }
        }
        return new Stage("none", "none", String.join(", ", why));
    }

    /**
     * Last of the checks /ready runs: the engines' check may see the warm-up finish while the checks run, and this
     * one (which reads the same warm-up state) then sees it too, so /ready never says ready while this still
     * describes files instead of warm engines.
     */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    /**
     * Whether the live state already names the serving engine while the warm-up of later engines still runs: every
     * engine before the first warm one has finished its warm-up (failed), so no earlier one can still take over.
     * Without this, /ready could say ready (an engine is warm) while this check still described the files.
     */
    private static boolean decided(List<EngineStatus> status) {
        for (EngineStatus s : status) {
            if (s.readiness() == EngineStatus.Readiness.PENDING) {
                return false;
            }
            if (s.readiness() == EngineStatus.Readiness.READY && !"OPEN".equals(s.breaker())) {
                return true;
            }
        }
        return false;
    }

    private static String withoutPrefix(String text, String prefix) {
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private Optional<String> missing(String file) {
        return file == null || file.isBlank() || !Files.isRegularFile(models.resolve(file))
                ? Optional.of((file == null || file.isBlank() ? "no model configured" : file + " not installed"))
                : Optional.empty();
    }

    /** The Piper voice, its config and the G2P files of its convention: the first one missing, if any. */
    private Optional<String> piperFilesMissing() {
        List<String> files = new ArrayList<>(List.of(piper.voice(), piper.effectiveVoiceConfig()));
        PhonemeConvention convention;
        try {
            convention = piper.convention();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (piper.hebrew()) {
            if (convention == PhonemeConvention.PHONIKUD) {
                files.add(g2p.phonikudModel());
                files.add(g2p.phonikudTokenizer());
            } else {
                files.add(g2p.renikudModel());
            }
        }
        return files.stream().map(this::missing).flatMap(Optional::stream).findFirst();
    }

    private List<String> licenceWarnings(Map<String, Stage> stages) {
        List<String> files = new ArrayList<>();
        if ("local".equals(stages.get("stt").where())) {
            files.add(whisper.model());
        }
        if ("local".equals(stages.get("llm").where())) {
            files.add(llama.model());
        }
        if ("local".equals(stages.get("tts").where())) {
            files.add(piper.voice());
            if (piper.hebrew()) {
                files.add(piper.convention() == PhonemeConvention.PHONIKUD ? g2p.phonikudModel()
                        : g2p.renikudModel());
            }
        }
        List<String> out = new ArrayList<>();
        for (ModelEntry e : catalog.entries()) {
            if (files.contains(e.file())) {
                e.licenceWarning().ifPresent(out::add);
            }
        }
        return out;
    }
}
