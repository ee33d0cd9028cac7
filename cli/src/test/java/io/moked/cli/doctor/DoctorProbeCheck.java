package io.moked.cli.doctor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.moked.health.ReadinessCheck;
import jakarta.inject.Singleton;

/** A ReadinessCheck bean that only exists in tests, to show doctor runs every such bean. */
@Singleton
@Requires(property = DoctorProbeCheck.PROPERTY)
public class DoctorProbeCheck implements ReadinessCheck {
    static final String PROPERTY = "moked.test.doctor-probe";
    private final String state;

    public DoctorProbeCheck(@Value("${" + PROPERTY + "}") String state) {
        this.state = state;
    }

    @Override
    public String name() {
        return "test-probe";
    }

    @Override
    public Result check() {
        if ("throw".equals(state)) {
            throw new IllegalStateException("probe exploded");
        }
        return "ok".equals(state) ? Result.ok("probe fine")
                : Result.notReady("probe missing: run 'agentctl models pull probe'");
    }
}
