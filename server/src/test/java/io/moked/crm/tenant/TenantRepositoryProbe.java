package io.moked.crm.tenant;

import io.moked.testsupport.DbTestBase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

abstract class TenantRepositoryProbe extends DbTestBase {
    @Inject
    TenantRepository repo;

    @Test
    void roundTrip() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TenantEntity e = repo.save(new TenantEntity(null, "acme", "B", "A", "he-IL", "Asia/Jerusalem", "g", "{}",
                30, null, true, 2, 3, null, "{}", "{}", null, null, null, now, now));
        TenantEntity back = repo.findBySlug("acme").orElseThrow();
        assertEquals(e.id(), back.id());
        assertEquals(now, back.createdAt());
        assertEquals(true, back.recordingEnabled());
        assertEquals(1, repo.listOrderBySlug().size());
        repo.update(back.withTwilio("AC1", "ref", now.plusSeconds(5)));
        assertEquals(now.plusSeconds(5), repo.findById(e.id()).orElseThrow().updatedAt());
    }
}
