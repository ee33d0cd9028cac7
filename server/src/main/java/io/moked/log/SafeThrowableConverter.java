package io.moked.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * Logback {@code %safeEx}: the usual stack trace, but every exception message in it (causes and suppressed ones
 * included) escaped and cut like {@link LogSafe#value} at {@link #MESSAGE_MAX_CHARS}: exception messages often quote
 * the input that failed, and a stack trace must not become a way to forge log lines. The trace's own line breaks stay.
 */
public class SafeThrowableConverter extends ThrowableProxyConverter {
    /** Longest exception message kept in a stack trace, in characters. */
    public static final int MESSAGE_MAX_CHARS = 1000;

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(proxy == null ? null : new Escaped(proxy));
    }

    private record Escaped(IThrowableProxy delegate) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return LogSafe.escape(delegate.getMessage(), MESSAGE_MAX_CHARS);
        }

        @Override
        public String getOverridingMessage() {
            return LogSafe.escape(delegate.getOverridingMessage(), MESSAGE_MAX_CHARS);
        }

        @Override
        public String getClassName() {
            return delegate.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return delegate.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return delegate.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            IThrowableProxy cause = delegate.getCause();
            return cause == null ? null : new Escaped(cause);
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = delegate.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = new Escaped(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return delegate.isCyclic();
        }
    }
}
