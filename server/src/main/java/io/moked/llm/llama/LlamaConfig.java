package io.moked.llm.llama;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The local llama.cpp engine (jllama): {@code moked.engines.llm.llama.*}; documented defaults in application.yml.
 *
 * @param model          GGUF file name in the models directory
 * @param contextSize    total KV cache in tokens, shared by the {@code slots}
 * @param slots          parallel sequences; each active call keeps its conversation's KV cache in one slot
 * @param threads        inference threads; 0 = CPU cores
 * @param gpuLayers      layers offloaded to a GPU (0 on CPU-only appliances)
 * @param toolPrompt     appended to the system message when tools are offered; {@code {tools}} becomes one JSON line
 *                       per tool. Model-facing protocol text, not something a caller hears.
 * @param stop           stop strings added to every request (the chat template's end-of-turn markers)
 * @param nativeLog      let llama.cpp print its per-request server log (slot, KV cache reuse) to stdout
 */
@ConfigurationProperties("moked.engines.llm.llama")
public record LlamaConfig(
        @Bindable(defaultValue = "qwen2.5-1.5b-instruct-q4_k_m.gguf") String model,
        @Bindable(defaultValue = "4096") int contextSize,
        @Bindable(defaultValue = "2") int slots,
        @Bindable(defaultValue = "0") int threads,
        @Bindable(defaultValue = "0") int gpuLayers,
        @Bindable(defaultValue = "To use a tool, answer with only a JSON object {\"tool\": NAME, \"arguments\": {...}}"
                + " and nothing else; otherwise answer in plain text. Tools, one JSON object per line:\n{tools}")
        String toolPrompt,
        @Nullable List<String> stop,
        @Bindable(defaultValue = "false") boolean nativeLog) {

    public LlamaConfig {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
