package io.moked.crm.call;

import io.moked.error.ValidationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Twilio call statuses with their place in the call lifecycle. Status callbacks can arrive repeated or out of
 * order; a status only replaces one of a lower rank (or the same rank with a higher Twilio SequenceNumber).
 */
public enum CallStatus {
    QUEUED("queued", 0),
    INITIATED("initiated", 1),
    RINGING("ringing", 2),
    IN_PROGRESS("in-progress", 3),
    COMPLETED("completed", 4),
    BUSY("busy", 4),
    FAILED("failed", 4),
    NO_ANSWER("no-answer", 4),
    CANCELED("canceled", 4);

    static final int TERMINAL_RANK = 4;

    private final String twilioName;
    private final int rank;

    CallStatus(String twilioName, int rank) {
        this.twilioName = twilioName;
        this.rank = rank;
    }

    /** As Twilio writes it ("in-progress"). */
    public String twilioName() {
        return twilioName;
    }

    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return rank == TERMINAL_RANK;
    }

    public static CallStatus fromTwilio(String value) {
        for (CallStatus s : values()) {
            if (s.twilioName.equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new ValidationException("unknown call status '" + value + "' (known: "
                + Arrays.stream(values()).map(CallStatus::twilioName).collect(Collectors.joining(", ")) + ")");
    }
}
