package io.moked.testsupport;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Base of tests whose bodies run against both databases: a subclass per database picks the {@link TestDb}
 * ({@code @MicronautTest(transactional = false)} on the subclass, because a test transaction hides real
 * connection behaviour, STACK.md 7).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DbTestBase implements TestPropertyProvider {
    private TestDb db;

    @Inject
    protected ApplicationContext context;

    protected abstract TestDb createDb();

    protected TestDb db() {
        return db;
    }

    /** Extra properties a test class needs on top of the database ones. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        db = createDb();
        Map<String, String> props = new java.util.HashMap<>(db.properties());
        props.putAll(extraProperties());
        return props;
    }

    @AfterAll
    void dropDatabase() {
        // close the pool before dropping its database; the extension's later close is then a no-op
        if (context != null && context.isRunning()) {
            context.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
