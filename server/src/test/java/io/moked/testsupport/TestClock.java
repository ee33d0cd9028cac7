package io.moked.testsupport;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A settable clock for tests that need a fixed "now" (DST days, business hours). It replaces the appliance clock only
 * in contexts that set {@code moked.test.clock} to an instant, e.g. through {@code DbTestBase.extraProperties()}.
 */
public final class TestClock extends Clock {
    public static final String PROPERTY = "moked.test.clock";

    private volatile Instant now;

    public TestClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the appliance clock is UTC");
    }

    @Factory
    @Requires(property = PROPERTY)
    static class Beans {
        @Singleton
        TestClock clock(@Property(name = PROPERTY) String instant) {
            return new TestClock(Instant.parse(instant));
        }
    }
}
