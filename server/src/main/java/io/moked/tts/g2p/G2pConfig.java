package io.moked.tts.g2p;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Hebrew G2P models: {@code moked.engines.tts.g2p.*}, documented in application.yml. Both adapters exist as beans;
 * the Piper engine uses the one whose phoneme convention its voice was trained on, and only that one loads.
 *
 * @param renikudModel       renikud ONNX in the models directory
 * @param phonikudModel      phonikud diacritizer ONNX in the models directory
 * @param phonikudTokenizer  the DictaBERT character tokenizer.json the diacritizer reads
 * @param threads            onnxruntime intra-op threads per G2P run (calls already run in parallel)
 */
@ConfigurationProperties("moked.engines.tts.g2p")
public record G2pConfig(
        @Bindable(defaultValue = "renikud.onnx") String renikudModel,
        @Bindable(defaultValue = "phonikud-1.0.int8.onnx") String phonikudModel,
        @Bindable(defaultValue = "dictabert-large-char-menaked.tokenizer.json") String phonikudTokenizer,
        @Bindable(defaultValue = "1") int threads) {
}
