package io.moked.cli.sim;

import io.moked.cli.CliRuntime;
import io.moked.cli.output.Direction;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.CallTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.engine.Cancellation;
import io.moked.tts.TtsRouter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the simulators take from the appliance's own configuration (same data directory and database, through the
 * appliance's services): the tenant's Twilio credentials, the stored turns of a call, and the text-to-speech router
 * for the caller's {@code say:} lines. Each starts agentctl's application context on first use only.
 */
final class SimServices {
    /** Upper bound for synthesising one caller line. */
    private static final long SAY_TIMEOUT_S = 60;

    private SimServices() {
    }

    static TwilioAccountSource accounts(CliRuntime runtime) {
        return number -> {
            TenantService tenants = runtime.bean(TenantService.class);
            return tenants.findByPhoneNumber(number).flatMap(tenants::twilioCredentials)
                    .map(c -> new TwilioAccount(c.accountSid(), c.authToken())).orElse(null);
        };
    }

    /** The turns the appliance stored for a call to {@code to}, read through the tenant that owns that number. */
    static TranscriptSource transcripts(CliRuntime runtime, String to) {
        try {
            runtime.context();
        } catch (RuntimeException e) {
            return TranscriptSource.unavailable("cannot open the appliance's database: " + e.getMessage());
        }
        return callSid -> {
            TenantService tenants = runtime.bean(TenantService.class);
            Optional<Tenant> tenant = tenants.findByPhoneNumber(to);
            if (tenant.isEmpty()) {
                return List.of();
            }
            CallService calls = runtime.bean(CallService.class);
            Call call = calls.getBySid(tenant.get(), callSid);
            // finished turns only, up to the first still being spoken: an assistant turn is stored from its first
            // sentence and completed (text = what was heard, an end offset) once played; printed once, it is final
            return calls.turns(tenant.get(), call.id()).stream()
                    .filter(t -> t.role() == TurnRole.USER || t.role() == TurnRole.ASSISTANT)
                    .takeWhile(t -> t.endMs() != null)
                    .map(SimServices::line).toList();
        };
    }

    /**
     * The direction of what is said on calls to {@code to}: the locale of the tenant that owns the number, left to
     * right when no tenant does (the transcript then shows nothing anyway).
     */
    static Direction writtenDirection(CliRuntime runtime, String to) {
        return runtime.bean(TenantService.class).findByPhoneNumber(to)
                .map(t -> Direction.forLocale(t.locale())).orElse(Direction.LTR);
    }

    private static TranscriptSource.Line line(CallTurn t) {
        return new TranscriptSource.Line(t.role() == TurnRole.USER ? "caller" : "agent", t.text(),
                t.latencyMs() == null ? -1 : t.latencyMs(), t.interrupted());
    }

    /** The appliance's TTS router (configured engines, in order, with fallback) as the caller's voice. */
    static CallerVoiceFactory.Voice voice(CliRuntime runtime) {
        TtsRouter router;
        try {
            router = runtime.bean(TtsRouter.class);
        } catch (RuntimeException e) {
            return CallerVoiceFactory.Voice.unavailable("cannot start the appliance's engines: " + e.getMessage());
        }
        if (router.engineRouter().usableEngines().isEmpty()) {
            return CallerVoiceFactory.Voice.unavailable("no usable TTS engine (" + router.status() + ")");
        }
        return new CallerVoiceFactory.Voice(CallerVoiceFactory.on((text, sink) -> router
                .synthesize(text, CallerVoiceFactory.CALLER_LANGUAGE, null, sink, Cancellation.none())
                .get(SAY_TIMEOUT_S, TimeUnit.SECONDS)), null);
    }
}
