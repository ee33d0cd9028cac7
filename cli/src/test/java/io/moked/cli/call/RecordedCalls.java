package io.moked.cli.call;

import io.moked.cli.CliRun;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallOutcome;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallStatus;
import io.moked.crm.call.NewCall;
import io.moked.crm.call.NewTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.call.TurnStages;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Recorded calls written through the appliance's own services (as a call would write them): a Hebrew call with a
 * greeting, a low-confidence caller turn, a slow reply the caller cut off, a tool exchange and a booking.
 */
final class RecordedCalls {
    static final Instant STARTED = Instant.parse("2026-03-02T08:15:00Z");
    static final String SID = "CA0123456789abcdef0123456789abcdef";
    /** Offsets (ms from the call's start) at which replay must print each event, in order. */
    static final long[] EVENT_MS = {0, 3200, 6212, 8800, 8800, 8800, 11400};

    private RecordedCalls() {
    }

    static Tenant tenant(CliRun cli, String slug, String phone) {
        cli.ok("tenant", "create", "--slug", slug, "--business-name", "דירות הים", "--assistant-name", "נועה",
                "--phone", phone);
        return cli.runtime().bean(TenantService.class).get(slug);
    }

    /** The Hebrew call, with a stereo recording in {@code dir} when given. */
    static Call hebrewCall(CliRun cli, Tenant tenant, String sid, Path dir) throws IOException {
        CallService calls = cli.runtime().bean(CallService.class);
        PromptService prompts = cli.runtime().bean(PromptService.class);
        var v1 = prompts.push(tenant, Channel.VOICE, "את {{assistant_name}}, נציגת {{business_name}}.", "first",
                "test");
        prompts.activate(tenant, Channel.VOICE, v1.version(), "test");
        var lead = cli.runtime().bean(LeadService.class).upsert(tenant,
                new LeadUpsert("+972525551234", "דנה כהן", null, LeadSource.CALL), "test");
        Call call = calls.create(tenant, new NewCall(sid, "+972525551234", "+97235550100",
                io.moked.crm.call.Direction.INBOUND, CallStatus.RINGING, STARTED));
        calls.updateStatus(tenant, sid, CallStatus.IN_PROGRESS, 1, STARTED.plusMillis(400));
        calls.setPromptVersion(tenant, call.id(), v1.id());
        calls.linkLead(tenant, call.id(), lead.id());
        long id = call.id();
        calls.appendTurn(tenant, id, NewTurn.assistant("שלום, הגעתם לדירות הים, מדברת נועה. במה אפשר לעזור?", 0,
                2900, false, 640, new TurnStages(null, null, null, null, 610, 30)));
        calls.appendTurn(tenant, id, NewTurn.user("אני מחפש דירה של 3 חדרים ביפו", 3200, 5400, 0.62));
        calls.appendTurn(tenant, id, NewTurn.assistant("בשמחה. יש לנו כמה דירות ביפו, מה התקציב שלך?", 6212, 8800,
                true, 812, new TurnStages(300, 120, 450, 80, 150, 12)));
        calls.appendTurn(tenant, id, NewTurn.user("עד 2,450,000 ₪, ואפשר מחר בעשר?", 8800, 10900, 0.91));
        // as the appliance stores a tool exchange (CallRecorder.toolTurn): tool, arguments, result; no offsets
        calls.appendTurn(tenant, id, new NewTurn(TurnRole.TOOL, "{\"tool\":\"book_viewing\",\"arguments\":"
                + "{\"when\":\"2026-03-03T10:00\"},\"result\":{\"booked\":true}}", null, null, null, false, null,
                null, false));
        calls.appendTurn(tenant, id, NewTurn.assistant("קבעתי לך צפייה מחר בעשר. להתראות!", 11400, 13600, false, 500,
                new TurnStages(280, 90, 250, 60, 90, 10)));
        calls.end(tenant, id, STARTED.plusMillis(14000), "stream_stopped");
        calls.updateStatus(tenant, sid, CallStatus.COMPLETED, 2, STARTED.plusMillis(14000));
        calls.recordSummary(tenant, id, "דנה מחפשת 3 חדרים ביפו עד 2.45 מיליון; נקבעה צפייה מחר ב-10:00.",
                CallOutcome.BOOKED);
        if (dir != null) {
            Path wav = stereoWav(dir.resolve(sid + ".wav"), 8000, 14_000);
            calls.setRecordingPath(tenant, id, wav.toString());
        }
        return calls.get(tenant, id);
    }

    /** A plain call (no turns) started at {@code started}, ended with {@code status}. */
    static Call plainCall(CliRun cli, Tenant tenant, String sid, String from, Instant started, CallStatus status,
                          CallOutcome outcome) {
        CallService calls = cli.runtime().bean(CallService.class);
        Call call = calls.create(tenant, new NewCall(sid, from, "+97235550100", io.moked.crm.call.Direction.INBOUND,
                CallStatus.RINGING, started));
        calls.updateStatus(tenant, sid, status, 1, started.plusSeconds(30));
        if (outcome != null) {
            calls.recordSummary(tenant, call.id(), "summary of " + sid, outcome);
        }
        return calls.get(tenant, call.id());
    }

    /** A stereo PCM16 WAV: a tone on the left (caller) where {@code tone} is true, silence elsewhere. */
    static Path stereoWav(Path file, int rateHz, long durationMs) throws IOException {
        int frames = (int) (rateHz * durationMs / 1000);
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(rateHz).putInt(rateHz * 4).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes()).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short left = (short) (Math.sin(2 * Math.PI * 440 * i / rateHz) * 8000);
            b.putShort(left).putShort((short) 0);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }
}
