package io.moked.llm.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes llama.cpp's native log into SLF4J logger {@code io.moked.llm.llama.native} (INFO lines at DEBUG: llama.cpp is
 * chatty per request). The native logger is process-wide by nature of the library; it is installed once.
 */
final class LlamaNativeLog {
    static final String LOGGER = "io.moked.llm.llama.native";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static volatile boolean installed;

    private LlamaNativeLog() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            String line = message.stripTrailing();
            switch (level) {
                case ERROR -> LOG.error(line);
                case WARN -> LOG.warn(line);
                default -> LOG.debug(line);
            }
        });
        installed = true;
    }
}
