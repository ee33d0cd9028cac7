package io.moked.call;

import io.micronaut.context.ApplicationContext;
import io.moked.pipeline.turn.InterruptionSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interruption settings from application.yml, with one tenant's overrides on top. */
class InterruptionPolicyTest {
    @Test
    void aTenantOverridesTheDefaultsKeyByKey() throws Exception {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "moked.data-dir", Files.createTempDirectory("moked-interruptions").toString(),
                "moked.call.interruptions.tenants.acme.min-interruption-ms", "400",
                "moked.call.interruptions.tenants.acme.backchannels", "יופי,סבבה",
                "moked.call.interruptions.tenants.quiet.resume-false-interruptions", "false"))) {
            InterruptionPolicy policy = ctx.getBean(InterruptionPolicy.class);

            InterruptionSettings defaults = policy.forTenant("other");
            assertTrue(defaults.resumeFalseInterruptions());
            assertEquals(500, defaults.minInterruptionMs());
            assertEquals(2_000, defaults.falseInterruptionTimeoutMs());
            assertTrue(defaults.isBackchannel("כן"), "application.yml's list");
            assertTrue(defaults.isBackchannel("Mm-hmm!"), "case and punctuation do not matter");
            assertFalse(defaults.isBackchannel("כן, אני רוצה לשמוע על הדירה"), "words beyond backchannels");

            InterruptionSettings acme = policy.forTenant("acme");
            assertEquals(400, acme.minInterruptionMs());
            assertEquals(2_000, acme.falseInterruptionTimeoutMs(), "not overridden: the default");
            assertTrue(acme.isBackchannel("סבבה") && !acme.isBackchannel("כן"), "the tenant's own list");

            assertFalse(policy.forTenant("quiet").resumeFalseInterruptions());
        }
    }
}
