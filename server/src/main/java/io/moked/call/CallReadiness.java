package io.moked.call;

import io.micronaut.context.annotation.Value;
import io.moked.health.ReadinessCheck;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether calls can get the assistant right now: every check the call path needs (VAD, speech-to-text, language
 * model, text-to-speech) must report ready. Otherwise the webhook answers in degraded mode. Cheap: checks report
 * cached state.
 */
@Singleton
public class CallReadiness {
    private final List<ReadinessCheck> checks;
    private final List<String> required;

    public CallReadiness(List<ReadinessCheck> checks,
                         @Value("${moked.call.required-checks:vad,stt,llm,tts}") List<String> required) {
        this.checks = checks;
        this.required = List.copyOf(required);
    }

    /** Empty when ready; else one line per missing piece. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            ReadinessCheck check = checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (check == null) {
                problems.add(name + ": not installed in this appliance");
                continue;
            }
            ReadinessCheck.Result result = check.check();
            if (!result.ready()) {
                problems.add(name + ": " + result.detail());
            }
        }
        return problems;
    }
}
