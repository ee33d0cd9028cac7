package io.moked.call;

import io.moked.crm.call.CallService;
import io.moked.crm.call.NewTurn;
import io.moked.crm.call.TurnRole;
import io.moked.crm.call.TurnStages;
import io.moked.pipeline.reply.TurnLatency;
import jakarta.inject.Singleton;

/** Writes a live call's turns, recording path and end through the tenant-scoped {@link CallService}. */
@Singleton
public class CrmCallJournal implements CallJournal {
    private final CallService calls;

    public CrmCallJournal(CallService calls) {
        this.calls = calls;
    }

    @Override
    public void turn(CallPlan call, Turn turn) {
        NewTurn row = switch (turn.role()) {
            case USER -> NewTurn.user(turn.text(), turn.startMs(), turn.endMs(), turn.confidence());
            case ASSISTANT -> NewTurn.assistant(turn.text(), turn.startMs(), turn.endMs(), turn.interrupted(),
                    turn.latencyMs(), stages(turn.stages()));
            case TOOL -> new NewTurn(TurnRole.TOOL, turn.text(), null, null, null, false, null, null);
        };
        calls.appendTurn(call.tenant(), call.callId(), row);
    }

    private static TurnStages stages(TurnLatency.Stages s) {
        return s == null ? null : new TurnStages(s.endOfSpeechMs(), s.sttMs(), s.llmFirstTokenMs(),
                s.firstSentenceMs(), s.ttsFirstAudioMs(), s.firstFrameSentMs());
    }

    @Override
    public void recording(CallPlan call, String location) {
        calls.setRecordingPath(call.tenant(), call.callId(), location);
    }

    @Override
    public void inboundFrames(CallPlan call, InboundTimeline.Stats frames) {
        calls.setInboundFrames(call.tenant(), call.callId(), frames.received(), frames.lost(), frames.duplicate(),
                frames.dropped());
    }

    @Override
    public void callEnded(CallPlan call, String reason) {
        calls.end(call.tenant(), call.callId(), null, reason);
    }
}
