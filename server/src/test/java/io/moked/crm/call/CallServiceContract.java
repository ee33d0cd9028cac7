package io.moked.crm.call;

import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class CallServiceContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    CallService calls;
    @Inject
    LeadService leads;
    @Inject
    PromptService prompts;

    @Test
    void createIsIdempotentPerCallSid() {
        Tenant t = Fixtures.tenant(tenants, "call-co", "+97235558000");
        Tenant other = Fixtures.tenant(tenants, "call-other", "+97235558001");
        Call c = calls.create(t, NewCall.inbound("CA-create-1", "+972525551234", "+97235558000"));
        assertEquals(CallStatus.RINGING, c.status());
        assertEquals(Direction.INBOUND, c.direction());
        assertEquals(c.id(), calls.create(t, NewCall.inbound("CA-create-1", "+972525551234", "+97235558000")).id());
        assertEquals(1, calls.list(t, 10).size());
        ConflictException e = assertThrows(ConflictException.class,
                () -> calls.create(other, NewCall.inbound("CA-create-1", "+972525551234", "+97235558001")));
        assertTrue(e.getMessage().contains("another tenant"));
        assertEquals(1, calls.countActive(t));
    }

    @Test
    void statusUpdatesTolerateRepeatsAndOutOfOrderDelivery() {
        Tenant t = Fixtures.tenant(tenants, "status-co", "+97235558100");
        calls.create(t, NewCall.inbound("CA-status-1", "+972525551234", "+97235558100"));
        Instant answered = Instant.parse("2025-06-01T10:00:05Z");
        Instant completed = Instant.parse("2025-06-01T10:03:00Z");

        StatusChange done = calls.updateStatus(t, "CA-status-1", CallStatus.COMPLETED, 2, completed);
        assertTrue(done.applied());
        // the earlier in-progress callback arrives late: ignored, and does not resurrect the call
        StatusChange late = calls.updateStatus(t, "CA-status-1", CallStatus.IN_PROGRESS, 1, answered);
        assertFalse(late.applied());
        assertEquals(CallStatus.COMPLETED, late.call().status());
        // the same callback delivered twice
        StatusChange repeat = calls.updateStatus(t, "CA-status-1", CallStatus.COMPLETED, 2, completed);
        assertFalse(repeat.applied());
        Call call = repeat.call();
        assertEquals(completed, call.endedAt());
        assertEquals("completed", call.endReason());
        assertNull(call.answeredAt(), "in-progress never applied");
        assertEquals(0, calls.countActive(t));

        calls.create(t, NewCall.inbound("CA-status-2", "+972525551234", "+97235558100"));
        assertTrue(calls.updateStatus(t, "CA-status-2", CallStatus.IN_PROGRESS, 1, answered).applied());
        assertFalse(calls.updateStatus(t, "CA-status-2", CallStatus.RINGING, 0, null).applied());
        Call inProgress = calls.getBySid(t, "CA-status-2");
        assertEquals(CallStatus.IN_PROGRESS, inProgress.status());
        assertEquals(answered, inProgress.answeredAt());
        assertThrows(NotFoundException.class,
                () -> calls.updateStatus(t, "CA-missing", CallStatus.COMPLETED, 3, null));
    }

    @Test
    void turnsAreNumberedAndStoredImmediately() {
        Tenant t = Fixtures.tenant(tenants, "turn-co", "+97235558200");
        Call c = calls.create(t, NewCall.inbound("CA-turns-1", "+972525551234", "+97235558200"));
        calls.appendTurn(t, c.id(), NewTurn.assistant("שלום, במה אפשר לעזור?", 0, 2100, false, null));
        calls.appendTurn(t, c.id(), NewTurn.user("אני מחפש דירת ארבעה חדרים", 2500, 4800, 0.91));
        CallTurn third = calls.appendTurn(t, c.id(), NewTurn.assistant("באיזה אזור?", 5300, 6200, true, 480));
        assertEquals(3, third.seq());
        List<CallTurn> turns = calls.turns(t, c.id());
        assertEquals(List.of(TurnRole.ASSISTANT, TurnRole.USER, TurnRole.ASSISTANT),
                turns.stream().map(CallTurn::role).toList());
        assertEquals(0.91, turns.get(1).sttConfidence(), 1e-9);
        assertTrue(turns.get(2).interrupted());
        assertEquals(480, turns.get(2).latencyMs());
        assertEquals(2500L, turns.get(1).startMs());
    }

    @Test
    void anAssistantTurnKeepsWhereItsLatencyWent() {
        Tenant t = Fixtures.tenant(tenants, "stage-co", "+97235558250");
        Call c = calls.create(t, NewCall.inbound("CA-stages-1", "+972525551234", "+97235558250"));
        TurnStages stages = new TurnStages(655, 310, 420, 35, 180, 12);
        calls.appendTurn(t, c.id(), NewTurn.assistant("שלום.", 0, 900, false, null,
                new TurnStages(null, null, null, 4, 150, 6))); // a greeting: no caller speech, no model
        calls.appendTurn(t, c.id(), NewTurn.user("יש דירות?", 1000, 2000, 0.8));
        calls.appendTurn(t, c.id(), NewTurn.assistant("כן.", 2900, 3500, false, 957, stages));
        calls.appendTurn(t, c.id(), NewTurn.assistant("ועוד.", 3600, 3900, false, null));
        List<CallTurn> turns = calls.turns(t, c.id());
        assertEquals(new TurnStages(null, null, null, 4, 150, 6), turns.get(0).stages());
        assertNull(turns.get(1).stages(), "a caller turn has no stages");
        assertEquals(stages, turns.get(2).stages());
        assertEquals(957, turns.get(2).latencyMs());
        assertNull(turns.get(3).stages(), "a turn stored without stages reads back without them");
    }

    @Test
    void endLinkDegradeAndRecordings() {
        Tenant t = Fixtures.tenant(tenants, "rec-co", "+97235558300");
        Call old = calls.create(t, NewCall.inbound("CA-rec-old", "+972525551234", "+97235558300"));
        Call recent = calls.create(t, NewCall.inbound("CA-rec-new", "+972525551234", "+97235558300"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        calls.setRecordingPath(t, old.id(), "recordings/rec-co/CA-rec-old.wav");
        calls.setRecordingPath(t, recent.id(), "recordings/rec-co/CA-rec-new.wav");
        Call ended = calls.end(t, old.id(), now.minus(Duration.ofDays(3)), "caller-hangup");
        assertEquals("caller-hangup", ended.endReason());
        calls.end(t, recent.id(), now.minus(Duration.ofHours(2)), "agent-end");
        // Twilio's completed callback after our own end keeps our time and reason
        Call afterCallback = calls.updateStatus(t, "CA-rec-old", CallStatus.COMPLETED, 3, now).call();
        assertEquals(now.minus(Duration.ofDays(3)), afterCallback.endedAt());
        assertEquals("caller-hangup", afterCallback.endReason());

        Call withVoicemail = calls.setVoicemail(t, recent.id(), "https://api.twilio.com/Recordings/RE1", 9);
        assertEquals("https://api.twilio.com/Recordings/RE1", withVoicemail.voicemailUrl());
        assertEquals(9, withVoicemail.voicemailSeconds());
        assertEquals("recordings/rec-co/CA-rec-new.wav", withVoicemail.recordingPath(), "own recording untouched");

        assertEquals(List.of(old.id()), calls.recordingsOlderThan(t, 2).stream().map(Call::id).toList());
        Call deleted = calls.markRecordingDeleted(t, old.id(), "retention");
        assertNotNull(deleted.recordingDeletedAt());
        assertTrue(calls.recordingsOlderThan(t, 2).isEmpty());
        assertEquals(deleted.recordingDeletedAt(), calls.markRecordingDeleted(t, old.id(), "retention")
                .recordingDeletedAt(), "repeat is a no-op");

        Lead lead = leads.upsert(t, new LeadUpsert("+972525551234", null, null, LeadSource.CALL), "agent");
        assertEquals(lead.id(), calls.linkLead(t, recent.id(), lead.id()).leadId());
        PromptVersion v = prompts.push(t, Channel.VOICE, "prompt", null, "d");
        assertEquals(v.id(), calls.setPromptVersion(t, recent.id(), v.id()).promptVersionId());
        Call degraded = calls.markDegraded(t, recent.id(), "stt: local engine timed out, used cloud");
        assertTrue(degraded.degraded());
        assertEquals("stt: local engine timed out, used cloud", degraded.degradedReason());
    }

    /** Issue 11.4: SIP caller IDs are longer than 64 characters; both databases take the same ones. */
    @Test
    void callerIdsUpToTheLimitAreStoredAndLongerOnesRefusedTheSameWayOnBothDatabases() {
        Tenant t = Fixtures.tenant(tenants, "sip-co", "+97235558400");
        String sip = "sip:+972525551234;cpc=ordinary@moked-customer-trunk.pstn.ashburn.twilio.com;transport=udp;user=phone";
        assertTrue(sip.length() > 64);
        Call call = calls.create(t, NewCall.inbound("CA-sip-1", sip, "+97235558400"));
        assertEquals(sip, calls.get(t, call.id()).from());
        String longest = "sip:" + "a".repeat(CallService.MAX_CALLER_ID_CHARS - 4);
        assertEquals(longest, calls.create(t, NewCall.inbound("CA-sip-2", longest, "+97235558400")).from());
        io.moked.error.ValidationException tooLong = assertThrows(io.moked.error.ValidationException.class,
                () -> calls.create(t, NewCall.inbound("CA-sip-3", longest + "a", "+97235558400")));
        assertTrue(tooLong.getMessage().contains("255"), tooLong.getMessage());
    }

    /** Issue 14: one end reason per ending, whatever arrives first; never replaced by a vaguer one. */
    @Test
    void theAppliancesEndReasonWinsOverTwiliosStatusInEitherOrder() {
        Tenant t = Fixtures.tenant(tenants, "end-co", "+97235558500");
        Instant first = Instant.parse("2025-06-01T10:00:05Z");
        Instant later = first.plusSeconds(1);
        calls.create(t, NewCall.inbound("CA-end-1", "+972525551234", "+97235558500"));
        calls.updateStatus(t, "CA-end-1", CallStatus.COMPLETED, 3, first); // status callback first
        Call call = calls.end(t, calls.getBySid(t, "CA-end-1").id(), later, "stream_stopped");
        assertEquals("stream_stopped", call.endReason());
        assertEquals(first, call.endedAt(), "the first end time stays");
        Call second = calls.create(t, NewCall.inbound("CA-end-2", "+972525551234", "+97235558500"));
        calls.end(t, second.id(), first, "stream_stopped"); // the stream's end first
        assertEquals("stream_stopped", calls.updateStatus(t, "CA-end-2", CallStatus.COMPLETED, 3, later).call()
                .endReason());
        assertEquals("stream_stopped", calls.end(t, second.id(), later, "socket_closed").endReason(),
                "a second ending does not replace the first");
        // every terminal Twilio status counts as vague (the list in CallRepository.endWithReason)
        int n = 3;
        for (CallStatus status : CallStatus.values()) {
            if (!status.terminal()) {
                continue;
            }
            String sid = "CA-end-" + n++;
            calls.create(t, NewCall.inbound(sid, "+972525551234", "+97235558500"));
            calls.updateStatus(t, sid, status, 3, first);
            assertEquals("agent_hangup", calls.end(t, calls.getBySid(t, sid).id(), later, "agent_hangup")
                    .endReason(), status.twilioName());
        }
    }

    @Test
    void inboundFrameCountsAreStoredOnTheCall() {
        Tenant t = Fixtures.tenant(tenants, "frames-co", "+97235558600");
        Call call = calls.create(t, NewCall.inbound("CA-frames-1", "+972525551234", "+97235558600"));
        assertNull(call.framesLost(), "unknown until the stream ends");
        Call counted = calls.setInboundFrames(t, call.id(), 1500, 3, 1, 2);
        assertEquals(1500, counted.framesReceived());
        assertEquals(3, counted.framesLost());
        assertEquals(1, counted.framesDuplicate());
        assertEquals(2, counted.framesDropped());
    }
}
