package io.moked.cli.call;

import io.moked.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A call's stereo recording on this machine (left caller, right agent), for {@code call replay}. */
final class CallRecording {
    private CallRecording() {
    }

    /** Why the call's recording cannot be used here, or null when it is on disk. */
    static String missing(CallDtos.Card card) {
        if (card.recording() == null) {
            return "the call has no recording (the tenant does not record calls, or the call never reached the "
                    + "assistant)";
        }
        if (card.recording().deletedAt() != null) {
            return "its recording was deleted by retention at " + card.recording().deletedAt();
        }
        if (!Files.isRegularFile(Path.of(card.recording().path()))) {
            return "its recording " + card.recording().path() + " is not on this machine";
        }
        return null;
    }

    /** The recording, or null when {@link #missing} says why not. */
    static Path of(CallDtos.Card card) {
        return missing(card) == null ? Path.of(card.recording().path()) : null;
    }

    /** Copies the recording to {@code target} (parents created, an existing file replaced); exit 3 without one. */
    static void copy(CallDtos.Card card, Path target) {
        String why = missing(card);
        if (why != null) {
            throw CliException.notFound("call " + card.callSid() + ": " + why);
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(Path.of(card.recording().path()), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CliException.failure("cannot write --audio-out " + target + ": " + e.getMessage(), e);
        }
    }
}
