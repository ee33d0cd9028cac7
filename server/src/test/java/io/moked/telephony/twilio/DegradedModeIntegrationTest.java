package io.moked.telephony.twilio;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.moked.call.CallRegistry;
import io.moked.call.CallSessionFactory;
import io.moked.call.RecordingRetention;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.lead.LeadService;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines are not ready (here: never warmed up): callers get the tenant's voicemail message and a recording,
 * are kept as leads to call back, and the call is marked degraded. Also the recording retention job.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DegradedModeIntegrationTest implements TestPropertyProvider {
    private static final String NUMBER = "+97236091234";
    private static final String CALLER = "+972502345679";

    @Inject
    EmbeddedServer server;
    @Inject
    TenantService tenants;
    @Inject
    PromptService prompts;
    @Inject
    CallService calls;
    @Inject
    LeadService leads;
    @Inject
    CallRegistry registry;
    @Inject
    RecordingRetention retention;
    @Inject
    CallSessionFactory sessions;

    private Tenant tenant;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = CallTestSupport.freshProperties("moked-degraded-it");
        p.put("moked.engines.warm-up-on-start", "false");
        return p;
    }

    @BeforeAll
    void setUp() {
        tenant = CallTestSupport.tenant(tenants, prompts, "yam", NUMBER, 4);
    }

    @Test
    void enginesNotReadyMeansVoicemailAndALeadToCallBack() throws Exception {
        String callSid = "CA" + "1".repeat(32);
        HttpResponse<String> response = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(callSid, CALLER, NUMBER));
        assertEquals(200, response.statusCode());
        String twiml = response.body();
        assertTrue(twiml.contains("<Say language=\"he-IL\">" + tenant.message("voicemail-prompt").orElseThrow()),
                twiml);
        assertTrue(twiml.contains("<Record action=\"https://moked.example.test/twilio/voicemail\""), twiml);
        assertFalse(twiml.contains("<Connect"), twiml);
        assertTrue(registry.find(callSid).isEmpty(), "a voicemail call holds no slot");

        Call call = calls.getBySid(tenant, callSid);
        assertTrue(call.degraded());
        assertTrue(call.degradedReason().contains("engines not ready"), call.degradedReason());
        assertTrue(leads.findByPhone(tenant, CALLER).isPresent(), "the caller is a lead to call back");

        Map<String, String> recorded = CallTestSupport.voiceParams(callSid, CALLER, NUMBER);
        recorded.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1");
        recorded.put("RecordingDuration", "7");
        HttpResponse<String> after = CallTestSupport.postSigned(server.getPort(), "/twilio/voicemail", recorded);
        assertTrue(after.body().contains("<Hangup/>"), after.body());
        Call withVoicemail = calls.getBySid(tenant, callSid);
        assertEquals(recorded.get("RecordingUrl"), withVoicemail.voicemailUrl());
        assertEquals(7, withVoicemail.voicemailSeconds());
    }

    @Test
    void recordingsOlderThanTheRetentionAreDeletedAndMarked() throws Exception {
        Path dir = Files.createDirectories(sessions.recordingsDir().resolve("yam").resolve("2020-01-01"));
        Call old = recordedCall("CA" + "2".repeat(32), dir, Instant.now().minus(Duration.ofDays(3)));
        Call recent = recordedCall("CA" + "3".repeat(32), dir, Instant.now().minus(Duration.ofHours(1)));

        assertTrue(retention.purge() >= 1);

        Call oldAfter = calls.get(tenant, old.id());
        assertNotNull(oldAfter.recordingDeletedAt());
        assertFalse(Files.exists(Path.of(old.recordingPath())));
        Call recentAfter = calls.get(tenant, recent.id());
        assertNull(recentAfter.recordingDeletedAt());
        assertTrue(Files.exists(Path.of(recent.recordingPath())));
    }

    private Call recordedCall(String callSid, Path dir, Instant endedAt) throws IOException {
        Call call = calls.create(tenant, NewCall.inbound(callSid, CALLER, NUMBER));
        Path wav = Files.write(dir.resolve(callSid + ".wav"), new byte[]{1, 2, 3});
        calls.setRecordingPath(tenant, call.id(), wav.toString());
        calls.end(tenant, call.id(), endedAt, "test");
        return calls.get(tenant, call.id());
    }
}
