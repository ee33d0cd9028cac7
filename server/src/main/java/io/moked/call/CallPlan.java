package io.moked.call;

import io.moked.crm.tenant.Tenant;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a call needs, resolved once right after the voice webhook answered ({@link CallPreparation}, a
 * blocking thread) so the media stream can start without touching the database: the tenant, the call's row, its
 * voice prompt and greeting rendered for this caller.
 *
 * @param callId             the call's database id
 * @param leadId             the caller's lead (found or created by phone before the greeting)
 * @param systemPrompt       the tenant's active voice prompt, rendered
 * @param greeting           rendered greeting; blank = the caller speaks first
 * @param voice              TTS voice id, or null for the engine default
 * @param endOfTurnSilenceMs the tenant's end-of-turn silence, or null for the default
 * @param transferNumber     where a transfer to a human dials, or null (no transfer)
 * @param dtmfActions        keypad digit → action id (transfer, hangup, ...)
 * @param apology            said when the language model fails
 * @param greetingAudio      completes when the greeting's sentences are in the TTS cache (synthesized ahead)
 */
public record CallPlan(Tenant tenant, long callId, long leadId, String callSid, String from, String to, String systemPrompt,
                       String greeting, String language, String voice, Integer endOfTurnSilenceMs,
                       boolean recordingEnabled, String transferNumber, Map<String, String> dtmfActions,
                       String apology, CompletableFuture<?> greetingAudio) {

    public long tenantId() {
        return tenant.id();
    }

    public String tenantSlug() {
        return tenant.slug();
    }
}
