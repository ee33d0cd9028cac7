package io.moked.cli.doctor;

import java.util.Map;

/**
 * One line of {@code agentctl doctor}.
 *
 * @param check  short name ("data-dir", "database", "twilio:tel-aviv-homes", "models", ...)
 * @param ok     whether this part is healthy
 * @param detail what was found; when not ok, what is wrong and the command that fixes it
 * @param info   machine-readable facts for {@code --output json}
 */
public record CheckResult(String check, boolean ok, String detail, Map<String, Object> info) {
    public static CheckResult ok(String check, String detail) {
        return new CheckResult(check, true, detail, Map.of());
    }

    public static CheckResult failed(String check, String detail) {
        return new CheckResult(check, false, detail, Map.of());
    }
}
