package io.moked.cli.sim.call;

import io.moked.cli.sim.twilio.Twiml;

/**
 * Live events of one simulated call, for printing as it happens. Called from the run's scheduler and HTTP threads
 * while the call holds its lock: implementations must be quick and must not call back into the call.
 */
public interface CallListener {
    CallListener NONE = new CallListener() {
    };

    default void onWebhook(String callSid, int status, long latencyMs, Twiml twiml) {
    }

    default void onStreamStarted(String callSid, String streamSid) {
    }

    default void onGreetingAudio(long latencyMs) {
    }

    default void onCallerSpeaks(int turn, String label, boolean bargeIn) {
    }

    default void onCallerSilent(int turn) {
    }

    default void onAgentReply(int turn, long latencyMs) {
    }

    default void onClear(int turn, long latencyMs) {
    }

    default void onError(String kind, String detail) {
    }

    default void onEnded(CallResult result) {
    }
}
