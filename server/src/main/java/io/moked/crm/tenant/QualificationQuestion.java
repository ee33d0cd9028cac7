package io.moked.crm.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One thing the assistant should find out about a caller.
 *
 * @param key      the lead field the answer is stored under (e.g. "timeline", the update_lead argument name)
 * @param question how the assistant may ask it, in the tenant's language
 * @param required whether the assistant should not end a qualification without it
 * @param options  the answers it maps to, when the field is a choice (e.g. asap, 1-3m, ...); empty = free answer
 */
@Serdeable
public record QualificationQuestion(String key, String question, @Nullable Boolean required,
                                    @Nullable List<String> options) {

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public List<String> optionList() {
        return options == null ? List.of() : options;
    }
}
