package io.moked.agent.tools;

/** An argument the tool cannot use; the message goes to the model, so it says what to send instead. */
public class ToolArgumentException extends RuntimeException {
    public ToolArgumentException(String message) {
        super(message);
    }
}
