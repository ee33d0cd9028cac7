package io.moked.call;

import io.moked.crm.call.CallService;
import io.moked.crm.call.NewTurn;
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
        NewTurn row = turn.role() == Role.USER
                ? NewTurn.user(turn.text(), turn.startMs(), turn.endMs(), turn.confidence())
                : NewTurn.assistant(turn.text(), turn.startMs(), turn.endMs(), turn.interrupted(), turn.latencyMs(),
                        stages(turn.stages()), turn.resumed());
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
    public void callEnded(CallPlan call, String reason) {
        calls.end(call.tenant(), call.callId(), null, reason);
    }
}
