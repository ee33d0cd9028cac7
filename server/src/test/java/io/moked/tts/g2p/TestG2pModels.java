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

    /** Characters of the phonikud test tokenizer; ids 0-4 are [PAD] [UNK] [CLS] [SEP] [MASK]. */
    static final List<String> PHONIKUD_CHARS = List.of("ש", "ל", "ו", "ם", "כ", "מ", "ה", "ב", ",", "?", ".");

    /** A char-level WordPiece tokenizer.json shaped like DictaBERT's (each char also as a "##" continuation). */
    public static Path phonikudTokenizer(Path file) throws IOException {
        StringBuilder vocab = new StringBuilder("\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,\"[MASK]\":4");
        int id = 5;
        for (String c : PHONIKUD_CHARS) {
            vocab.append(",\"").append(c).append("\":").append(id++);
        }
        for (String c : PHONIKUD_CHARS) {
            vocab.append(",\"##").append(c).append("\":").append(id++);
        }
        String special = "{\"id\":%d,\"content\":\"%s\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
                + "\"normalized\":false,\"special\":true}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":["
                + String.format(special, 0, "[PAD]") + "," + String.format(special, 1, "[UNK]") + ","
                + String.format(special, 2, "[CLS]") + "," + String.format(special, 3, "[SEP]") + ","
                + String.format(special, 4, "[MASK]") + "],"
                + "\"normalizer\":{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":true,"
                + "\"strip_accents\":null,\"lowercase\":true},"
                + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}],"
                + "\"pair\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}},"
                + "{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"[CLS]\":{\"id\":\"[CLS]\",\"ids\":[2],\"tokens\":[\"[CLS]\"]},"
                + "\"[SEP]\":{\"id\":\"[SEP]\",\"ids\":[3],\"tokens\":[\"[SEP]\"]}}},"
                + "\"decoder\":{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true},"
                + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\","
                + "\"max_input_chars_per_word\":100,\"vocab\":{" + vocab + "}}}";
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        return java.nio.file.Files.writeString(file, json);
    }

    /** What the phonikud test model predicts per letter: nikud class, sin (vs shin), stress, vocal shva, prefix. */
    record Marks(int nikud, boolean sin, boolean stress, boolean vocalShva, boolean prefix) {
    }

    static Map<String, Marks> phonikudTable() {
        Map<String, Marks> t = new LinkedHashMap<>();
        t.put("ש", new Marks(11, false, false, false, false));   // kamatz, shin dot
        t.put("ל", new Marks(0, false, false, false, false));
        t.put("ו", new Marks(12, false, true, false, false));    // holam, stressed
        t.put("ם", new Marks(0, false, false, false, false));
        t.put("כ", new Marks(22, false, false, false, false));   // dagesh + patah
        t.put("מ", new Marks(23, false, true, false, false));    // dagesh + kamatz, stressed
        t.put("ה", new Marks(0, false, false, false, false));
        t.put("ב", new Marks(15, false, false, true, true));     // dagesh + shva, vocal shva, prefix
        return t;
    }

    /** A phonikud-signature diacritizer whose logits come from {@link #phonikudTable()} (by token id). */
    public static Path phonikud(Path file) throws IOException {
        int v = 5 + 2 * PHONIKUD_CHARS.size();
        float[] nikud = new float[v * 29];
        float[] shin = new float[v * 2];
        float[] extra = new float[v * 3];
        java.util.Arrays.fill(extra, -4f);
        Map<String, Marks> table = phonikudTable();
        for (int id = 5; id < v; id++) {
            String c = PHONIKUD_CHARS.get((id - 5) % PHONIKUD_CHARS.size());
            Marks m = table.get(c);
            if (m == null) {
                continue;
            }
            nikud[id * 29 + m.nikud()] = 6f;
            shin[id * 2 + (m.sin() ? 1 : 0)] = 3f;
            extra[id * 3] = m.stress() ? 2f : -2f;
            extra[id * 3 + 1] = m.vocalShva() ? 2f : -2f;
            extra[id * 3 + 2] = m.prefix() ? 2f : -2f;
        }
        return new OnnxModelWriter()
                .input("input_ids", OnnxModelWriter.INT64, "B", "T")
                .input("attention_mask", OnnxModelWriter.INT64, "B", "T")
                .input("token_type_ids", OnnxModelWriter.INT64, "B", "T")
                .output("nikud_logits", OnnxModelWriter.FLOAT, "B", "T", 29)
                .output("shin_logits", OnnxModelWriter.FLOAT, "B", "T", 2)
                .output("additional_logits", OnnxModelWriter.FLOAT, "B", "T", 3)
                .floats("nikud_table", nikud, v, 29)
                .floats("shin_table", shin, v, 2)
                .floats("extra_table", extra, v, 3)
                .node("Gather", List.of("nikud_table", "input_ids"), List.of("nikud_logits"))
                .node("Gather", List.of("shin_table", "input_ids"), List.of("shin_logits"))
                .node("Gather", List.of("extra_table", "input_ids"), List.of("additional_logits"))
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
