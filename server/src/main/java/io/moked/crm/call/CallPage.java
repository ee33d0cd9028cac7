package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of a call listing, newest first. {@code next} is the cursor of the following page (give it back as
 * {@code after}), null on the last page. It names a position (start time and id), so calls arriving between two
 * pages neither repeat nor shift the pages.
 */
@Serdeable
public record CallPage(List<Call> calls, @Nullable String next) {
}
