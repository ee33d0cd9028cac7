package io.moked.tts.piper;

import io.github.givimad.piperjni.PiperJNI;
import io.github.givimad.piperjni.PiperVoice;
import io.moked.engine.Cancellation;
import io.moked.engine.EngineException;
import io.moked.engine.ModelFiles;
import io.moked.tts.HebrewG2p;
import io.moked.tts.TtsEngine;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Local text-to-speech with Piper through piper-jni.
 * <p>
 * Hebrew never reaches espeak-ng: for a Hebrew voice the text goes through {@link HebrewG2p} (plain Hebrew → IPA),
 * the IPA is checked against the voice's symbol set, and the voice is loaded from a copy of its config with
 * {@code "phoneme_type": "text"} so piper maps those IPA codepoints straight to phoneme ids (see
 * {@link PiperVoiceConfig}). With no G2P installed the engine is not ready and says why; the router then uses the
 * next engine. Voices of other languages use piper's own espeak-ng phonemizer.
 * <p>
 * Piper has one voice loaded, so a {@code voice} argument naming another engine's voice is ignored (the tenant's
 * voice setting is per engine). Synthesis of one chunk is native and not interruptible; cancellation is honoured
 * between chunks.
 */
@Singleton
public class PiperTtsEngine implements TtsEngine {
    public static final String NAME = "piper";

    private final PiperSettings settings;
    private final ModelFiles models;
    private final Optional<HebrewG2p> g2p;
    /** espeak-ng keeps global state: the espeak path is serialised; the text-phoneme path runs concurrently. */
    private final Object espeakLock = new Object();

    private PiperJNI piper;
    private PiperVoice voice;
    private PiperVoiceConfig voiceConfig;
    private Path derivedDir;

    public PiperTtsEngine(PiperSettings settings, ModelFiles models, Optional<HebrewG2p> g2p) {
        this.settings = settings;
        this.models = models;
        this.g2p = g2p;
    }

    @Override
    public String name() {
        return NAME;
    }

    public synchronized void load() throws EngineException {
        if (voice != null) {
            return;
        }
        if (settings.hebrew() && g2p.isEmpty()) {
            throw new EngineException(NAME, "no Hebrew G2P installed (an io.moked.tts.HebrewG2p, e.g. a phonikud "
                    + "ONNX adapter): Hebrew must not go through espeak-ng (it drops the vowels of unvocalized text), "
                    + "so local Hebrew TTS is off and the next TTS engine answers");
        }
        Path model = models.require(NAME, "Piper voice (moked.engines.tts.piper.voice)", settings.voice());
        Path configFile = models.require(NAME, "Piper voice config (moked.engines.tts.piper.voice-config)",
                settings.effectiveVoiceConfig());
        try {
            PiperVoiceConfig config = PiperVoiceConfig.read(configFile);
            Path loadConfig = configFile;
            if (settings.hebrew()) {
                g2p.get().warmUp();
                derivedDir = Files.createTempDirectory("moked-piper");
                loadConfig = config.writeTextPhonemeCopy(derivedDir, model.getFileName().toString());
            }
            PiperJNI jni = new PiperJNI();
            jni.initialize(!settings.hebrew(), false);
            voice = jni.loadVoice(model, loadConfig);
            piper = jni;
            voiceConfig = config;
        } catch (IOException | PiperJNI.NotInitialized | RuntimeException | UnsatisfiedLinkError e) {
            throw new EngineException(NAME, "cannot load Piper voice " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void warmUp() throws EngineException {
        load();
    }

    @Override
    public void synthesize(String text, String language, String voiceId, AudioSink sink, Cancellation cancel)
            throws EngineException {
        load();
        if (!settings.language().equalsIgnoreCase(language)) {
            throw new EngineException(NAME, "the Piper voice " + settings.voice() + " speaks " + settings.language()
                    + ", not " + language);
        }
        if (cancel.isCancelled()) {
            return;
        }
        String input = settings.hebrew() ? phonemes(text) : text;
        int rate = voice.getSampleRate();
        PiperJNI.AudioCallback callback = pcm -> {
            if (!cancel.isCancelled() && pcm.length > 0) {
                sink.onAudio(pcm, rate);
            }
        };
        try {
            if (settings.hebrew()) {
                piper.textToAudio(voice, input, callback);
            } else {
                synchronized (espeakLock) {
                    piper.textToAudio(voice, input, callback);
                }
            }
        } catch (IOException | PiperJNI.NotInitialized | RuntimeException e) {
            throw new EngineException(NAME, "synthesis failed: " + e.getMessage(), e);
        }
    }

    /** Hebrew → IPA through the G2P, refusing symbols the voice cannot say (piper would silently skip them). */
    String phonemes(String text) throws EngineException {
        String ipa = g2p.get().toIpa(text);
        Set<String> unknown = voiceConfig.unknownSymbols(ipa);
        if (!unknown.isEmpty()) {
            throw new EngineException(NAME, "G2P " + g2p.get().name() + " produced phonemes the voice "
                    + settings.voice() + " has no id for: " + unknown);
        }
        return ipa;
    }

    public int sampleRateHz() {
        return voiceConfig == null ? -1 : voiceConfig.sampleRateHz();
    }

    @PreDestroy
    public synchronized void close() {
        if (voice != null) {
            voice.close();
            voice = null;
        }
        if (piper != null) {
            piper.close();
            piper = null;
        }
        if (derivedDir != null) {
            try (Stream<Path> files = Files.walk(derivedDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
            derivedDir = null;
        }
    }
}
