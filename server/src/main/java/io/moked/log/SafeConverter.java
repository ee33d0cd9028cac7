package io.moked.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * Logback {@code %safe(...){MAX}}: whatever the wrapped pattern produced (message, MDC values such as the call SID)
 * is escaped by {@link LogSafe#escape} and cut at MAX characters (default {@link #DEFAULT_MAX_CHARS}), so a value from
 * a request can neither forge a log line (CR/LF), drive the terminal (ESC), reorder what is shown (bidi controls),
 * nor make one line megabytes long. Declared in every logback configuration of the appliance and agentctl:
 * <pre>{@code <conversionRule conversionWord="safe" class="io.moked.log.SafeConverter"/>}</pre>
 * Always write the option ({@code %safe(%msg){8192}%n}): logback's parser reads {@code %safe(%msg)%n} without one
 * as a literal "%n".
 * Stack traces ({@code %ex}) stay outside it: their line breaks are the trace's own, and exception messages that
 * quote outside values escape them where they are built.
 */
public class SafeConverter extends CompositeConverter<ILoggingEvent> {
    /** Longest text one {@code %safe(...)} writes, in characters, unless the pattern gives another. */
    public static final int DEFAULT_MAX_CHARS = 8192;

    private int maxChars = DEFAULT_MAX_CHARS;

    @Override
    public void start() {
        String option = getFirstOption();
        if (option != null && !option.isBlank()) {
            try {
                maxChars = Integer.parseInt(option.trim());
            } catch (NumberFormatException e) {
                addError("%safe option must be a number of characters, not " + option);
            }
        }
        super.start();
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return LogSafe.escape(in, maxChars);
    }
}
