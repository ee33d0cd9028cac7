package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * How a tenant's assistant behaves on calls beyond its prompt (tenant YAML key {@code persona}). In a spec or a patch
 * a null field keeps the default (or the current value); on a {@link Tenant} every field is set, from the tenant or
 * from {@code moked.tenant-defaults.persona}.
 *
 * @param tone                       a few words on how to sound, shown to the model
 * @param qualificationQuestions     what to find out, in the order to ask
 * @param escalationPhrases          caller phrases that transfer to a person at once (matched without the model)
 * @param sttMinConfidence           transcriptions below this confidence (0–1) are asked again, never guessed
 * @param reaskMessages              message keys said, in turn, when the assistant did not understand the caller
 * @param returningGreetingTemplate  the greeting for a caller who is already a lead with a name ({{lead_name}})
 * @param recordingDisclosureMessage message key of the sentence said first when calls are recorded
 * @param callbackMessage            message key of what the assistant says when a call-back is recorded
 */
@Serdeable
public record Persona(@Nullable String tone,
                      @Nullable List<QualificationQuestion> qualificationQuestions,
                      @Nullable List<String> escalationPhrases,
                      @Nullable Double sttMinConfidence,
                      @Nullable List<String> reaskMessages,
                      @Nullable String returningGreetingTemplate,
                      @Nullable String recordingDisclosureMessage,
                      @Nullable String callbackMessage) {

    public static Persona empty() {
        return new Persona(null, null, null, null, null, null, null, null);
    }

    /** Each field of this persona that is set, else the field of {@code base}. */
    public Persona over(Persona base) {
        return new Persona(or(tone, base.tone), or(qualificationQuestions, base.qualificationQuestions),
                or(escalationPhrases, base.escalationPhrases), or(sttMinConfidence, base.sttMinConfidence),
                or(reaskMessages, base.reaskMessages), or(returningGreetingTemplate, base.returningGreetingTemplate),
                or(recordingDisclosureMessage, base.recordingDisclosureMessage),
                or(callbackMessage, base.callbackMessage));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
