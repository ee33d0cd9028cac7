package io.moked.tts.g2p;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.moked.engine.EngineException;
import io.moked.tts.HebrewG2p;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * phonikud-style G2P: the phonikud diacritizer (an ONNX DictaBERT character model) adds niqqud and phonetic marks
 * (stress, vocal shva, prefix) to plain Hebrew, then the rule-based {@link HebrewPhonemizer} turns the vocalized
 * text into IPA in phonikud's convention (voices trained on phonikud, e.g. "Shaul").
 * <p>
 * Model contract ({@code phonikud-1.0.int8.onnx}): inputs {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} (zeros) int64 [B, T] from the {@code tokenizer.json} of
 * {@code dicta-il/dictabert-large-char-menaked}, read with the HuggingFace tokenizers library (DJL binding; its native
 * library ships inside the jar, nothing is downloaded); outputs float {@code nikud_logits} [B, T, 29],
 * {@code shin_logits} [B, T, 2], {@code additional_logits} [B, T, 3] (stress, vocal shva, prefix). Existing marks
 * are stripped first and text is cut into pieces of at most {@value #MAX_CHARS} characters at a full stop or newline.
 * A token whose character span is not exactly one character is skipped; non-letters are copied.
 */
public final class PhonikudG2p implements HebrewG2p, AutoCloseable {
    public static final String NAME = "phonikud";
    static final int MAX_CHARS = 2046;
    /** The 29 nikud classes in the model's order: none, vowel letter, dagesh, the 12 marks, dagesh + each, kamatz katan. */
    static final String[] NIKUD_CLASSES = nikudClasses();
    private static final char STRESS_MARK = '\u05AB';
    private static final char VOCAL_SHVA_MARK = '\u05BD';
    private static final char PREFIX_MARK = '|';
    private static final char[] SHIN_DOTS = {'\u05C1', '\u05C2'};

    private final ModelPath modelFile;
    private final ModelPath tokenizerFile;
    private final int threads;
    private final HebrewPhonemizer phonemizer;
    private volatile Loaded loaded;

    private record Loaded(OrtSession session, HuggingFaceTokenizer tokenizer) {
    }

    public PhonikudG2p(ModelPath modelFile, ModelPath tokenizerFile, int threads, HebrewPhonemizer phonemizer) {
        this.modelFile = modelFile;
        this.tokenizerFile = tokenizerFile;
        this.threads = threads;
        this.phonemizer = phonemizer;
    }

    private static String[] nikudClasses() {
        String[] classes = new String[29];
        classes[0] = "";
        classes[1] = ""; // <MAT_LECT>: a vowel letter, written without marks
        classes[2] = "\u05BC";
        for (int i = 0; i < 12; i++) {
            classes[3 + i] = String.valueOf((char) ('\u05B0' + i));
            classes[15 + i] = "\u05BC" + (char) ('\u05B0' + i);
        }
        classes[27] = "\u05C7";
        classes[28] = "\u05BC\u05C7";
        return classes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PhonemeConvention convention() {
        return PhonemeConvention.PHONIKUD;
    }

    @Override
    public void warmUp() throws EngineException {
        load();
    }

    private Loaded load() throws EngineException {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (this) {
            if (loaded == null) {
                Path tokenizerPath = tokenizerFile.resolve();
                if (!Files.isRegularFile(tokenizerPath)) {
                    throw new EngineException(NAME, "tokenizer " + tokenizerPath + " not found");
                }
                HuggingFaceTokenizer tokenizer;
                try {
                    // its native library is unpacked like the other engines' (java.io.tmpdir), not into $HOME
                    if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
                        System.setProperty("ENGINE_CACHE_DIR",
                                Path.of(System.getProperty("java.io.tmpdir"), "moked-djl").toString());
                    }
                    tokenizer = HuggingFaceTokenizer.newInstance(tokenizerPath,
                            Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
                } catch (Exception | UnsatisfiedLinkError e) {
                    throw new EngineException(NAME, "cannot load tokenizer " + tokenizerPath + ": " + e.getMessage(),
                            e);
                }
                OrtSession session;
                try {
                    session = OnnxSessions.open(NAME, modelFile.resolve(), threads);
                } catch (EngineException e) {
                    tokenizer.close();
                    throw e;
                }
                loaded = new Loaded(session, tokenizer);
            }
            return loaded;
        }
    }

    @Override
    public String toIpa(String text) throws EngineException {
        return phonemizer.phonemize(vocalize(text));
    }

    /** Plain Hebrew with the diacritizer's niqqud and phonetic marks (what {@code agentctl tools g2p} shows). */
    public String vocalize(String text) throws EngineException {
        Loaded l = load();
        StringBuilder out = new StringBuilder();
        for (String chunk : G2pText.chunks(G2pText.plain(text), MAX_CHARS)) {
            out.append(vocalizeChunk(l, chunk));
        }
        return G2pText.tidy(out.toString());
    }

    private String vocalizeChunk(Loaded l, String text) throws EngineException {
        if (text.isBlank()) {
            return text;
        }
        Encoding enc = l.tokenizer().encode(text);
        long[] ids = enc.getIds();
        CharSpan[] spans = enc.getCharTokenSpans();
        long[] types = new long[ids.length];
        float[][] nikud;
        float[][] shin;
        float[][] extra;
        try (OnnxTensor idsT = OnnxSessions.row(ids); OnnxTensor maskT = OnnxSessions.row(enc.getAttentionMask());
             OnnxTensor typesT = OnnxSessions.row(types);
             OrtSession.Result r = l.session().run(Map.of("input_ids", idsT, "attention_mask", maskT,
                     "token_type_ids", typesT))) {
            nikud = OnnxSessions.logits(NAME, r, "nikud_logits");
            shin = OnnxSessions.logits(NAME, r, "shin_logits");
            extra = OnnxSessions.logits(NAME, r, "additional_logits");
        } catch (OrtException e) {
            throw new EngineException(NAME, "inference failed: " + e.getMessage(), e);
        }
        if (nikud.length < ids.length || shin.length < ids.length || extra.length < ids.length) {
            throw new EngineException(NAME, "the model returned fewer positions than it was given");
        }
        String[] marks = new String[text.length()];
        for (int t = 0; t < ids.length; t++) {
            CharSpan span = spans[t];
            if (span == null || span.getEnd() - span.getStart() != 1 || span.getStart() >= text.length()) {
                continue;
            }
            int at = span.getStart();
            char c = text.charAt(at);
            if (!G2pText.isLetter(c)) {
                continue;
            }
            StringBuilder m = new StringBuilder(NIKUD_CLASSES[OnnxSessions.argmax(nikud[t])]);
            if (c == 'ש') {
                m.append(SHIN_DOTS[OnnxSessions.argmax(shin[t])]);
            }
            if (extra[t][0] > 0) {
                m.append(STRESS_MARK);
            }
            if (extra[t][1] > 0) {
                m.append(VOCAL_SHVA_MARK);
            }
            if (extra[t][2] > 0) {
                m.append(PREFIX_MARK);
            }
            marks[at] = m.toString();
        }
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            out.append(text.charAt(i));
            if (marks[i] != null) {
                out.append(marks[i]);
            }
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            try {
                loaded.session().close();
            } catch (OrtException ignored) {
                // shutting down
            }
            loaded.tokenizer().close();
            loaded = null;
        }
    }
}
