package io.moked.llm.llama;

import de.kherud.llama.InferenceParameters;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Sets llama.cpp's {@code id_slot} on a completion request. jllama 4.1.0's native side reads {@code id_slot} from the
 * request JSON (it selects the slot whose KV cache holds the conversation), but {@code InferenceParameters} has no
 * setter for it; its JSON map is package-private, so it is reached by reflection. If a later jllama renames that
 * field, pinning is skipped and llama.cpp's own prompt-similarity slot choice still reuses most of the cache.
 */
final class LlamaSlotParameter {
    private static final Field PARAMETERS = find();

    private LlamaSlotParameter() {
    }

    static boolean pin(InferenceParameters params, int slot) {
        if (PARAMETERS == null) {
            return false;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> map = (Map<String, String>) PARAMETERS.get(params);
            map.put("id_slot", Integer.toString(slot));
            return true;
        } catch (IllegalAccessException | ClassCastException e) {
            return false;
        }
    }

    static boolean supported() {
        return PARAMETERS != null;
    }

    private static Field find() {
        try {
            Field f = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LlamaSlotParameter.class)
                    .warn("jllama InferenceParameters has no 'parameters' map; KV slots are not pinned per call");
            return null;
        }
    }
}
