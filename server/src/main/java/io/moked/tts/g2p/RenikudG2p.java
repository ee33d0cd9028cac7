package io.moked.tts.g2p;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moked.engine.EngineException;
import io.moked.tts.HebrewG2p;

import java.io.IOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * renikud-style G2P: one ONNX model reads plain Hebrew character by character and predicts, per character, a
 * consonant, a vowel and whether it carries the stress; this adapter decodes that into stressed IPA (the phoneme
 * convention of voices trained on renikud, e.g. Piper "he-noa").
 * <p>
 * Model contract (renikud's ONNX export): inputs {@code input_ids}, {@code attention_mask} int64 [1, T] = [CLS] + one
 * id per NFD character ({@code vocab} metadata, unknown → [UNK]) + [SEP]; outputs {@code consonant_logits} [1, T, C],
 * {@code vowel_logits} [1, T, V], {@code stress_logits} [1, T, 2]. Metadata: {@code vocab}, {@code consonant_vocab},
 * {@code vowel_vocab} (index → symbol, "∅" = none), {@code letter_consonant_constraints} (letter → allowed consonant
 * indices), {@code cls_token_id}, {@code sep_token_id}, optional {@code geresh_map} (letter → consonant before a
 * geresh). Decoding: each letter takes the best consonant among those allowed for it; each word gets exactly one
 * stress, on its letter with the highest stress logit; a letter emits consonant, then {@code ˈ} when stressed, then
 * vowel — except a word-final ח with vowel a, said as (ˈ)aχ (furtive patah). Spaces and {@code .,!?} pass through.
 */
public final class RenikudG2p implements HebrewG2p, AutoCloseable {
    public static final String NAME = "renikud";
    /** Characters per model run; longer text is cut at spaces (BERT-sized position limit). */
    static final int MAX_CHARS = 400;
    private static final String NONE = "∅";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelPath modelFile;
    private final int threads;
    private volatile Loaded loaded;

    private record Loaded(OrtSession session, Map<Integer, Long> vocab, long unk, long cls, long sep,
                          Map<Integer, String> consonants, Map<Integer, String> vowels,
                          Map<Integer, int[]> allowed, Map<Integer, String> geresh) {
    }

    public RenikudG2p(ModelPath modelFile, int threads) {
        this.modelFile = modelFile;
        this.threads = threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PhonemeConvention convention() {
        return PhonemeConvention.RENIKUD;
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
                OrtSession session = OnnxSessions.open(NAME, modelFile.resolve(), threads);
                try {
                    loaded = parse(session, OnnxSessions.metadata(NAME, session));
                } catch (EngineException | RuntimeException e) {
                    closeQuietly(session);
                    throw e;
                }
            }
            return loaded;
        }
    }

    private static Loaded parse(OrtSession session, Map<String, String> meta) throws EngineException {
        try {
            Map<String, Long> vocabByString = JSON.readValue(required(meta, "vocab"), new TypeReference<>() { });
            Map<Integer, Long> vocab = new HashMap<>();
            vocabByString.forEach((k, v) -> {
                if (k.codePointCount(0, k.length()) == 1) {
                    vocab.put(k.codePointAt(0), v);
                }
            });
            long unk = vocabByString.getOrDefault("[UNK]", 0L);
            Map<Integer, String> consonants = indexMap(required(meta, "consonant_vocab"));
            Map<Integer, String> vowels = indexMap(required(meta, "vowel_vocab"));
            Map<String, List<Integer>> constraints = JSON.readValue(required(meta, "letter_consonant_constraints"),
                    new TypeReference<>() { });
            Map<Integer, int[]> allowed = new HashMap<>();
            constraints.forEach((letter, ids) -> allowed.put(letter.codePointAt(0),
                    ids.stream().mapToInt(Integer::intValue).toArray()));
            Map<Integer, String> geresh = new HashMap<>();
            if (meta.containsKey("geresh_map")) {
                Map<String, String> g = JSON.readValue(meta.get("geresh_map"), new TypeReference<>() { });
                g.forEach((letter, consonant) -> geresh.put(letter.codePointAt(0), consonant));
            }
            return new Loaded(session, vocab, unk, Long.parseLong(required(meta, "cls_token_id").trim()),
                    Long.parseLong(required(meta, "sep_token_id").trim()), consonants, vowels, allowed, geresh);
        } catch (IOException | NumberFormatException e) {
            throw new EngineException(NAME, "the model's metadata is not renikud's: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> meta, String key) throws EngineException {
        String value = meta.get(key);
        if (value == null) {
            throw new EngineException(NAME, "the model has no '" + key + "' metadata: not a renikud ONNX export");
        }
        return value;
    }

    private static Map<Integer, String> indexMap(String json) throws IOException {
        Map<String, String> byString = JSON.readValue(json, new TypeReference<>() { });
        Map<Integer, String> out = new HashMap<>();
        byString.forEach((k, v) -> out.put(Integer.parseInt(k), v));
        return out;
    }

    @Override
    public String toIpa(String text) throws EngineException {
        Loaded l = load();
        String clean = Normalizer.normalize(G2pText.plain(text), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        for (String chunk : G2pText.chunks(clean, MAX_CHARS)) {
            out.append(run(l, chunk));
        }
        return G2pText.tidy(out.toString());
    }

    private String run(Loaded l, String text) throws EngineException {
        int[] cps = text.codePoints().toArray();
        if (cps.length == 0) {
            return "";
        }
        long[] ids = new long[cps.length + 2];
        long[] mask = new long[ids.length];
        ids[0] = l.cls();
        for (int i = 0; i < cps.length; i++) {
            ids[i + 1] = l.vocab().getOrDefault(cps[i], l.unk());
        }
        ids[ids.length - 1] = l.sep();
        java.util.Arrays.fill(mask, 1L);
        try (OnnxTensor idsT = OnnxSessions.row(ids); OnnxTensor maskT = OnnxSessions.row(mask);
             OrtSession.Result r = l.session().run(Map.of("input_ids", idsT, "attention_mask", maskT))) {
            return decode(l, cps, OnnxSessions.logits(NAME, r, "consonant_logits"),
                    OnnxSessions.logits(NAME, r, "vowel_logits"), OnnxSessions.logits(NAME, r, "stress_logits"));
        } catch (OrtException e) {
            throw new EngineException(NAME, "inference failed: " + e.getMessage(), e);
        }
    }

    /** Logit rows are offset by one ([CLS] at 0): character i is row i + 1. */
    private static String decode(Loaded l, int[] cps, float[][] consonantLogits, float[][] vowelLogits,
                                 float[][] stressLogits) throws EngineException {
        if (consonantLogits.length < cps.length + 2 || vowelLogits.length < cps.length + 2
                || stressLogits.length < cps.length + 2) {
            throw new EngineException(NAME, "the model returned fewer positions than it was given");
        }
        Set<Integer> stressed = stressPerWord(cps, stressLogits);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!G2pText.isLetter(c)) {
                if (!(G2pText.isGeresh(c) && i > 0 && G2pText.isLetter(cps[i - 1]))) {
                    out.appendCodePoint(c);
                }
                continue;
            }
            float[] row = consonantLogits[i + 1];
            int consonantId = OnnxSessions.argmax(row);
            int[] allowed = l.allowed().get(c);
            if (allowed != null && allowed.length > 0 && !contains(allowed, consonantId)) {
                consonantId = allowed[0];
                for (int a : allowed) {
                    if (a < row.length && row[a] > row[consonantId]) {
                        consonantId = a;
                    }
                }
            }
            String consonant = l.consonants().getOrDefault(consonantId, NONE);
            boolean beforeGeresh = i + 1 < cps.length && G2pText.isGeresh(cps[i + 1]);
            if (beforeGeresh && l.geresh().containsKey(c)) {
                consonant = l.geresh().get(c);
            }
            String vowel = l.vowels().getOrDefault(OnnxSessions.argmax(vowelLogits[i + 1]), NONE);
            String stress = stressed.contains(i) ? "ˈ" : "";
            String cons = NONE.equals(consonant) ? "" : consonant;
            String vow = NONE.equals(vowel) ? "" : vowel;
            boolean wordFinal = i + 1 >= cps.length || !G2pText.isLetter(cps[i + 1]);
            if (c == 'ח' && wordFinal && "a".equals(vow)) {
                out.append(stress).append(vow).append(cons); // furtive patah: רוּחַ → ˈruaχ / ʁuˈaχ
            } else {
                out.append(cons).append(stress).append(vow);
            }
        }
        return out.toString();
    }

    /** One stress per word: the letter with the highest "stressed" logit. */
    private static Set<Integer> stressPerWord(int[] cps, float[][] stressLogits) {
        Set<Integer> stressed = new HashSet<>();
        int best = -1;
        for (int i = 0; i <= cps.length; i++) {
            boolean inWord = i < cps.length && !Character.isWhitespace(cps[i]);
            if (!inWord) {
                if (best >= 0) {
                    stressed.add(best);
                }
                best = -1;
                continue;
            }
            if (G2pText.isLetter(cps[i]) && (best < 0 || stressLogits[i + 1][1] > stressLogits[best + 1][1])) {
                best = i;
            }
        }
        return stressed;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            closeQuietly(loaded.session());
            loaded = null;
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing at shutdown: nothing left to do
        }
    }
}
