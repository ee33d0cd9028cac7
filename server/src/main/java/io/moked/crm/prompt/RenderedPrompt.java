package io.moked.crm.prompt;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The active prompt filled in for one call; {@code versionId} goes into the call record.
 *
 * @param greeting            the greeting (the returning-caller variant when the caller's name is known)
 * @param recordingDisclosure the tenant's recording disclosure sentence when it records calls, else empty: it is
 *                            said before anything is recorded ({@link #spokenGreeting()})
 */
@Serdeable
public record RenderedPrompt(long versionId, int version, Channel channel, String text, String greeting,
                             String recordingDisclosure) {

    public RenderedPrompt(long versionId, int version, Channel channel, String text, String greeting) {
        this(versionId, version, channel, text, greeting, "");
    }

    /** What the caller hears first: the disclosure (when recording) and the greeting. */
    public String spokenGreeting() {
        String g = greeting == null ? "" : greeting;
        return recordingDisclosure == null || recordingDisclosure.isBlank() ? g
                : g.isBlank() ? recordingDisclosure : recordingDisclosure + " " + g;
    }
}
