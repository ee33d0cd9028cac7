package io.moked.tts.piper;

import io.github.givimad.piperjni.PiperJNI;
import io.github.givimad.piperjni.PiperVoice;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.tts.HebrewG2p;
import io.moked.tts.TtsEngine;
import io.moked.tts.g2p.PhonemeConvention;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Local text-to-speech with Piper voices.
 * <p>
 * Hebrew never reaches espeak-ng: the (speech-normalised) text goes through the {@link HebrewG2p} whose phoneme
 * convention matches the voice's ({@link PiperSettings#phonemes()}), the IPA is checked against the voice's symbol
 * set, turned into phoneme ids with the voice's own {@code phoneme_id_map} and spoken clause by clause by
 * {@link PiperOnnxVoice} (onnxruntime), so the first clause's audio goes out while the next is synthesized and a
 * barge-in stops between clauses. With no G2P of the voice's convention, or a G2P model missing, the engine is not
 * ready and says why; the router then uses the next engine. Voices of other languages go through piper-jni and its
 * espeak-ng phonemizer.
 * <p>
 * Piper has one voice loaded, so a {@code voice} argument naming another engine's voice is ignored (the tenant's
 * voice setting is per engine).
 */
@Singleton
public class PiperTtsEngine implements TtsEngine {
    public static final String NAME = "piper";
    /** A clause ends after one of these (the G2P keeps punctuation; Piper voices pause on it). */
    private static final String CLAUSE_ENDS = ".,!?;:";

    private final PiperSettings settings;
    private final ModelFiles models;
    private final List<HebrewG2p> g2ps;
    /** espeak-ng keeps global state: the espeak path is serialised. */
    private final Object espeakLock = new Object();

    private HebrewG2p g2p;
    private PiperOnnxVoice onnxVoice;
    private PiperJNI piper;
    private PiperVoice espeakVoice;
    private PiperVoiceConfig voiceConfig;

    @Inject
    public PiperTtsEngine(PiperSettings settings, ModelFiles models, List<HebrewG2p> g2ps) {
        this.settings = settings;
        this.models = models;
        this.g2ps = List.copyOf(g2ps);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The G2P this voice uses; fails with the reason when none fits (a not-ready reason on /ready). */
    public HebrewG2p chooseG2p() throws EngineException {
        PhonemeConvention wanted;
        try {
            wanted = settings.convention();
        } catch (IllegalArgumentException e) {
            throw new EngineException(NAME, "moked.engines.tts.piper.phonemes: " + e.getMessage());
        }
        String choice = settings.g2p() == null ? "auto" : settings.g2p().trim();
        if (!"auto".equalsIgnoreCase(choice)) {
            HebrewG2p named = g2ps.stream().filter(g -> g.name().equalsIgnoreCase(choice)).findFirst()
                    .orElseThrow(() -> new EngineException(NAME, "moked.engines.tts.piper.g2p names '" + choice
                            + "', but the G2Ps here are " + names()));
            if (named.convention() != wanted) {
                throw new EngineException(NAME, "G2P " + named.name() + " produces " + named.convention().id()
                        + " phonemes but the voice " + settings.voice() + " was trained on " + wanted.id()
                        + " phonemes (moked.engines.tts.piper.phonemes): it would mispronounce; use the "
                        + wanted.id() + " G2P or a voice trained on " + named.convention().id());
            }
            return named;
        }
        return g2ps.stream().filter(g -> g.convention() == wanted).findFirst()
                .orElseThrow(() -> new EngineException(NAME, "no Hebrew G2P of the " + wanted.id()
                        + " convention the voice " + settings.voice() + " was trained on (G2Ps here: " + names()
                        + "); Hebrew must not go through espeak-ng (it drops the vowels of unvocalized text)"));
    }

    private String names() {
        return g2ps.isEmpty() ? "none" : g2ps.stream().map(HebrewG2p::name).collect(Collectors.joining(", "));
    }

    public synchronized void load() throws EngineException {
        if (onnxVoice != null || espeakVoice != null) {
            return;
        }
        HebrewG2p chosen = settings.hebrew() ? chooseG2p() : null;
        Path model = models.require(NAME, "Piper voice (moked.engines.tts.piper.voice)", settings.voice());
        Path configFile = models.require(NAME, "Piper voice config (moked.engines.tts.piper.voice-config)",
                settings.effectiveVoiceConfig());
        PiperVoiceConfig config;
        try {
            config = PiperVoiceConfig.read(configFile);
        } catch (IOException e) {
            throw new EngineException(NAME, "cannot read Piper voice config " + configFile + ": " + e.getMessage(), e);
        }
        if (chosen != null) {
            chosen.warmUp();
            onnxVoice = new PiperOnnxVoice(NAME, model, config, settings.threads(), settings.speakerId());
            g2p = chosen;
        } else {
            try {
                PiperJNI jni = new PiperJNI();
                jni.initialize(true, false);
                espeakVoice = jni.loadVoice(model, configFile);
                piper = jni;
            } catch (IOException | PiperJNI.NotInitialized | RuntimeException | UnsatisfiedLinkError e) {
                throw new EngineException(NAME, "cannot load Piper voice " + model + ": " + e.getMessage(), e);
            }
        }
        voiceConfig = config;
    }

    @Override
    public void warmUp() throws EngineException {
        load();
    }

    @Override
    public void synthesize(String text, String language, String voiceId, AudioSink sink, Cancellation cancel)
            throws EngineException {
        if (!settings.language().equalsIgnoreCase(language)) {
            throw new EngineException(NAME, "the Piper voice " + settings.voice() + " speaks " + settings.language()
                    + ", not " + language);
        }
        load();
        if (cancel.isCancelled()) {
            return;
        }
        if (onnxVoice != null) {
            int rate = voiceConfig.sampleRateHz();
            for (String clause : clauses(phonemes(text))) {
                if (cancel.isCancelled()) {
                    return;
                }
                short[] pcm = onnxVoice.speak(NAME, voiceConfig.phonemeIds(clause));
                if (!cancel.isCancelled() && pcm.length > 0) {
                    sink.onAudio(pcm, rate);
                }
            }
            return;
        }
        int rate = espeakVoice.getSampleRate();
        PiperJNI.AudioCallback callback = pcm -> {
            if (!cancel.isCancelled() && pcm.length > 0) {
                sink.onAudio(pcm, rate);
            }
        };
        try {
            synchronized (espeakLock) {
                piper.textToAudio(espeakVoice, text, callback);
            }
        } catch (IOException | PiperJNI.NotInitialized | RuntimeException e) {
            throw new EngineException(NAME, "synthesis failed: " + e.getMessage(), e);
        }
    }

    /** Hebrew → IPA through the G2P, refusing symbols the voice cannot say (they would be silently dropped). */
    String phonemes(String text) throws EngineException {
        String ipa = g2p.toIpa(text);
        Set<String> unknown = voiceConfig.unknownSymbols(ipa);
        if (!unknown.isEmpty()) {
            throw new EngineException(NAME, "G2P " + g2p.name() + " produced phonemes the voice "
                    + settings.voice() + " has no id for: " + unknown);
        }
        return ipa;
    }

    /** IPA cut after clause punctuation (kept with its clause: the voice pauses on it). */
    static List<String> clauses(String ipa) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < ipa.length(); i++) {
            char c = ipa.charAt(i);
            current.append(c);
            if (CLAUSE_ENDS.indexOf(c) >= 0) {
                addClause(out, current);
            }
        }
        addClause(out, current);
        return out;
    }

    private static void addClause(List<String> out, StringBuilder current) {
        String clause = current.toString().strip();
        if (!clause.isEmpty() && clause.chars().anyMatch(Character::isLetter)) {
            out.add(clause);
        }
        current.setLength(0);
    }

    /** The G2P in use once loaded (for /ready and tools), else null. */
    public synchronized String g2pName() {
        return g2p == null ? null : g2p.name();
    }

    public int sampleRateHz() {
        return voiceConfig == null ? -1 : voiceConfig.sampleRateHz();
    }

    @PreDestroy
    public synchronized void close() {
        if (onnxVoice != null) {
            onnxVoice.close();
            onnxVoice = null;
        }
        if (espeakVoice != null) {
            espeakVoice.close();
            espeakVoice = null;
        }
        if (piper != null) {
            piper.close();
            piper = null;
        }
    }
}
