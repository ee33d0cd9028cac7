package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.moked.crm.lead.Lead;
import io.moked.crm.prompt.PromptVersion;

import java.util.List;

/**
 * A call with what support needs to judge it: its lead (null when none was linked or it was forgotten), the prompt
 * version it ran with (null for calls that never reached the assistant) and its turns in order.
 */
public record CallDetail(Call call, @Nullable Lead lead, @Nullable PromptVersion promptVersion,
                         List<CallTurn> turns) {
}
