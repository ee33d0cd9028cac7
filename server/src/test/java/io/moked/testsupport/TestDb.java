package io.moked.testsupport;

import java.util.Map;

/** A throwaway database for one test class; {@link #properties()} points the application context at it. */
public interface TestDb extends AutoCloseable {
    Map<String, String> properties();

    String describe();

    @Override
    void close();
}
