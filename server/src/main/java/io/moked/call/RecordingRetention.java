package io.moked.call;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.moked.cluster.ClusterJobs;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Deletes call recordings older than their tenant's retention days and marks them deleted (audited). Only files
 * under the recordings directory are touched; voicemails kept by Twilio (URLs) are left alone. With several
 * appliances on one database the scheduled run happens once per cluster ({@link ClusterJobs}).
 */
@Singleton
public class RecordingRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRetention.class);
    private static final String ACTOR = "moked-retention";
    /** The job's name in {@code cluster_jobs} and its advisory lock key: never change it. */
    static final String JOB = "recording-retention";

    private final TenantService tenants;
    private final CallService calls;
    private final Path recordingsDir;
    private final ClusterJobs jobs;
    private final Duration interval;

    public RecordingRetention(TenantService tenants, CallService calls, CallSessionFactory sessions,
                              ClusterJobs jobs,
                              @Value("${moked.call.retention-check-interval:1h}") Duration interval) {
        this.tenants = tenants;
        this.calls = calls;
        this.recordingsDir = sessions.recordingsDir().toAbsolutePath().normalize();
        this.jobs = jobs;
        this.interval = interval;
    }

    /** The scheduled run: here, unless another appliance on the database runs it or ran it within the interval. */
    @Scheduled(fixedDelay = "${moked.call.retention-check-interval:1h}", initialDelay = "1m")
    public ClusterJobs.Run scheduled() {
        try {
            ClusterJobs.Run run = jobs.runOnce(JOB, interval, this::purge);
            if (run instanceof ClusterJobs.Skipped skipped) {
                LOG.debug("recording retention skipped on this node: {}", skipped.reason());
            }
            return run;
        } catch (RuntimeException e) {
            LOG.error("recording retention run failed; next run retries", e);
            return new ClusterJobs.Skipped("failed: " + e.getMessage());
        }
    }

    /** @return how many recordings were deleted */
    public int purge() {
        int deleted = 0;
        for (Tenant tenant : tenants.list()) {
            for (Call call : calls.recordingsOlderThan(tenant, tenant.retentionDays())) {
                String location = call.recordingPath();
                if (location == null || location.contains("://")) {
                    continue;
                }
                Path file = Path.of(location).toAbsolutePath().normalize();
                if (!file.startsWith(recordingsDir)) {
                    LOG.warn("call {} of tenant {}: recording {} is outside {}; not deleting it", call.callSid(),
                            tenant.slug(), file, recordingsDir);
                    continue;
                }
                try {
                    Files.deleteIfExists(file);
                    calls.markRecordingDeleted(tenant, call.id(), ACTOR);
                    deleted++;
                    LOG.info("call {} of tenant {}: recording deleted after {} days", call.callSid(), tenant.slug(),
                            tenant.retentionDays());
                } catch (IOException e) {
                    LOG.error("call {}: cannot delete recording {}", call.callSid(), file, e);
                }
            }
        }
        return deleted;
    }
}
