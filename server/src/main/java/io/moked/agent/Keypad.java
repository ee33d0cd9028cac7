package io.moked.agent;

import io.moked.crm.tenant.DtmfAction;
import io.moked.error.ValidationException;
import io.moked.pipeline.CallEnd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the caller's keys do in a call: end it in one of the {@link CallEnd} ways, or repeat the last reply. Built
 * once per call from the tenant's {@code dtmf_actions} ({@link DtmfAction} is their parsing vocabulary; this is the
 * one place it becomes a {@link CallEnd}). The first key of each action counts.
 *
 * @param endings     key → how pressing it ends the call
 * @param repeatDigit the key that says the last reply again, or null
 */
public record Keypad(Map<String, CallEnd> endings, String repeatDigit) {
    public static final Keypad NONE = new Keypad(Map.of(), null);

    public Keypad {
        endings = Map.copyOf(endings);
    }

    /**
     * @param dtmfActions       the tenant's key → action id (already validated when stored)
     * @param transferAvailable the tenant has a transfer number (else a transfer key does nothing)
     */
    public static Keypad of(Map<String, String> dtmfActions, boolean transferAvailable) {
        Map<DtmfAction, String> firstKey = new LinkedHashMap<>();
        dtmfActions.forEach((digit, action) -> {
            try {
                firstKey.putIfAbsent(DtmfAction.parse(action), digit);
            } catch (ValidationException e) {
                // validated when the tenant was written; an action unknown to this version does nothing
            }
        });
        Map<String, CallEnd> endings = new LinkedHashMap<>();
        String repeat = null;
        for (Map.Entry<DtmfAction, String> e : firstKey.entrySet()) {
            switch (e.getKey()) {
                case TRANSFER -> {
                    if (transferAvailable) {
                        endings.put(e.getValue(), CallEnd.TRANSFERRED);
                    }
                }
                case HANGUP -> endings.put(e.getValue(), CallEnd.AGENT_HANGUP);
                case VOICEMAIL -> endings.put(e.getValue(), CallEnd.VOICEMAIL);
                case REPEAT -> repeat = e.getValue();
            }
        }
        return new Keypad(endings, repeat);
    }

    /** How pressing {@code digit} ends the call, or null when it does not. */
    public CallEnd ending(String digit) {
        return endings.get(digit);
    }

    public boolean isRepeat(String digit) {
        return digit.equals(repeatDigit);
    }
}
