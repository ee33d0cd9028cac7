package io.moked.telephony.twilio;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.moked.agent.tools.GatedCallerMemory;
import io.moked.call.CallRegistry;
import io.moked.call.CallSlot;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.moked.telephony.twilio.TwilioCallIntegrationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: the voice webhook answers an admitted call before its plan (lead, caller history, rendered prompt,
 * greeting audio) is made, and the media stream's start waits for the plan. The caller's history is held back
 * ({@link GatedCallerMemory}) so the test sees the call between the two: TwiML already sent, the stream's start
 * waiting, and then everything the webhook used to store before answering stored by the time the stream runs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreparedCallIntegrationTest implements TestPropertyProvider {
    private static final String NUMBER = "+97236091400";
    private static final String CALLER = "+972502345670";
    private static final String CALL_SID = "CA" + "7".repeat(32);

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
    GatedCallerMemory memory;

    private Tenant tenant;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = CallTestSupport.freshProperties("moked-prep");
        p.put("moked.test.caller-memory-gate", "true");
        p.put("moked.call.webhook-warm-up.rounds", "0"); // its rehearsal asks the gated memory too
        return p;
    }

    @BeforeAll
    void setUp() {
        tenant = CallTestSupport.tenant(tenants, prompts, "prep", NUMBER, 2);
    }

    @Test
    void theWebhookAnswersBeforeThePlanIsMadeAndTheStreamStartsOnceItIs() throws Exception {
        HttpResponse<String> response = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(CALL_SID, CALLER, NUMBER));
        assertEquals(200, response.statusCode(), response.body());
        String twiml = response.body();
        assertTrue(twiml.contains("<Stream"), twiml);
        memory.asked.get(10, TimeUnit.SECONDS);

        // answered, admitted, its row written; the plan is still being made
        Call answered = calls.getBySid(tenant, CALL_SID);
        assertNull(answered.promptVersionId(), "the prompt version is stored with the plan");
        CallSlot slot = registry.find(CALL_SID).orElseThrow();
        assertNull(slot.plan());
        assertFalse(slot.planned().orElseThrow().isDone());

        // a repeated webhook gets the same answer (same stream token) while the plan is made
        HttpResponse<String> again = CallTestSupport.postSigned(server.getPort(), "/twilio/voice",
                CallTestSupport.voiceParams(CALL_SID, CALLER, NUMBER));
        assertEquals(CallTestSupport.streamParameters(twiml), CallTestSupport.streamParameters(again.body()));

        FakeTwilioPhone phone = new FakeTwilioPhone("MZ" + CALL_SID.substring(2));
        try {
            phone.connect(CallTestSupport.mediaUri(server.getPort()), CallTestSupport.mediaSignature())
                    .get(5, TimeUnit.SECONDS);
            phone.connected();
            phone.start(CALL_SID, CallTestSupport.ACCOUNT_SID, CallTestSupport.streamParameters(twiml));
            phone.startMic();
            Thread.sleep(300); // the caller's audio arrives while the start waits: kept, the stream stays open
            assertFalse(phone.closed.isDone(), "the stream waits for the plan instead of being refused");
            assertNull(slot.session(), "no pipeline before the plan is ready");

            memory.gate.complete(null);
            waitUntil(() -> slot.session() != null, 10_000);
            waitUntil(() -> !phone.events("media").isEmpty(), 10_000); // the greeting plays

            Call running = calls.getBySid(tenant, CALL_SID);
            var active = prompts.active(tenant, Channel.VOICE).orElseThrow();
            assertEquals(active.id(), running.promptVersionId());
            Lead lead = leads.findByPhone(tenant, CALLER).orElseThrow();
            assertEquals(lead.id(), running.leadId());
            assertEquals(lead.id(), slot.plan().leadId());
            assertEquals(running.id(), slot.plan().callId());
            assertNotNull(slot.plan().systemPrompt());

            phone.stopMic();
            phone.stop(CALL_SID, CallTestSupport.ACCOUNT_SID);
            waitUntil(() -> registry.find(CALL_SID).isEmpty(), 10_000);
            Call ended = calls.getBySid(tenant, CALL_SID);
            assertEquals("stream_stopped", ended.endReason());
            assertTrue(phone.mediaSent() >= 10, "audio was sent while the plan was made: " + phone.mediaSent());
            assertEquals(phone.mediaSent(), ended.framesReceived(),
                    "the frames that came while the start waited reached the call too");
        } finally {
            phone.close();
        }
    }
}
