package io.moked.tts.g2p;

import io.moked.onnx.OnnxModelWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small G2P models with the real signatures, written by {@link OnnxModelWriter}: every output is a lookup
 * ({@code Gather}) of a per-token table by {@code input_ids}, so each character gets logits the test chose.
 */
public final class TestG2pModels {
    private TestG2pModels() {
    }

    /** What one character of the renikud test model predicts: consonant index, vowel index, stress logit. */
    record Say(int consonant, int vowel, float stress) {
    }

    static final List<String> RENIKUD_CONSONANTS = List.of("∅", "ʃ", "s", "l", "v", "m", "ʁ", "χ", "b", "ɡ");
    static final List<String> RENIKUD_VOWELS = List.of("∅", "a", "e", "i", "o", "u");

    /** Predictions of the renikud test model: letters of שלום, ברח and ג'ם, plus space and punctuation. */
    static Map<String, Say> renikudTable() {
        Map<String, Say> t = new LinkedHashMap<>();
        t.put("ש", new Say(1, 1, 0.1f));
        t.put("ל", new Say(3, 0, 0.2f));
        t.put("ו", new Say(0, 4, 0.9f));
        t.put("ם", new Say(5, 0, 0.0f));
        t.put("ב", new Say(8, 1, 0.1f));
        t.put("ר", new Say(6, 0, 0.2f));
        t.put("ח", new Say(7, 1, 0.8f));
        t.put("ג", new Say(9, 1, 0.7f));
        return t;
    }

    /** A renikud-signature model; ש's best raw consonant is "m" (index 5), which its constraint forbids. */
    public static Path renikud(Path file) throws IOException {
        List<String> tokens = new java.util.ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", " ", ",", ".",
                "'"));
        Map<String, Say> table = renikudTable();
        tokens.addAll(table.keySet());
        int v = tokens.size();
        int c = RENIKUD_CONSONANTS.size();
        int w = RENIKUD_VOWELS.size();
        float[] cons = new float[v * c];
        float[] vow = new float[v * w];
        float[] stress = new float[v * 2];
        for (int id = 0; id < v; id++) {
            Say say = table.get(tokens.get(id));
            if (say == null) {
                continue;
            }
            cons[id * c + say.consonant()] = 5f;
            if (tokens.get(id).equals("ש")) {
                cons[id * c + 5] = 9f; // not allowed for ש: the decoder must fall back to ʃ
            }
            vow[id * w + say.vowel()] = 5f;
            stress[id * 2 + 1] = say.stress();
        }
        StringBuilder vocab = new StringBuilder("{");
        for (int id = 0; id < v; id++) {
            vocab.append(id == 0 ? "" : ",").append('"').append(tokens.get(id)).append("\":").append(id);
        }
        vocab.append('}');
        return new OnnxModelWriter()
                .input("input_ids", OnnxModelWriter.INT64, 1, "T")
                .input("attention_mask", OnnxModelWriter.INT64, 1, "T")
                .output("consonant_logits", OnnxModelWriter.FLOAT, 1, "T", c)
                .output("vowel_logits", OnnxModelWriter.FLOAT, 1, "T", w)
                .output("stress_logits", OnnxModelWriter.FLOAT, 1, "T", 2)
                .floats("cons_table", cons, v, c)
                .floats("vowel_table", vow, v, w)
                .floats("stress_table", stress, v, 2)
                .node("Gather", List.of("cons_table", "input_ids"), List.of("consonant_logits"))
                .node("Gather", List.of("vowel_table", "input_ids"), List.of("vowel_logits"))
                .node("Gather", List.of("stress_table", "input_ids"), List.of("stress_logits"))
                .metadata("vocab", vocab.toString())
                .metadata("consonant_vocab", indexJson(RENIKUD_CONSONANTS))
                .metadata("vowel_vocab", indexJson(RENIKUD_VOWELS))
                .metadata("letter_consonant_constraints", "{\"ש\":[1,2],\"ל\":[3],\"ו\":[0,4],\"ם\":[5],"
                        + "\"ב\":[4,8],\"ר\":[6],\"ח\":[7],\"ג\":[9]}")
                .metadata("geresh_map", "{\"ג\":\"dʒ\"}")
                .metadata("cls_token_id", "2")
                .metadata("sep_token_id", "3")
                .write(file);
    }

    private static String indexJson(List<String> symbols) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < symbols.size(); i++) {
            out.append(i == 0 ? "" : ",").append("\"").append(i).append("\":\"").append(symbols.get(i)).append('"');
        }
        return out.append('}').toString();
    }
}
