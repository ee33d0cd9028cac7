package io.moked.cli.tools;

import io.moked.cli.CliException;

/** Input checks shared by the text tools. */
final class ToolsText {
    static final int MAX_TEXT_CHARS = 4000;

    private ToolsText() {
    }

    static void check(String text) {
        if (text == null || text.isBlank()) {
            throw CliException.usage("TEXT is empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw CliException.usage("TEXT has " + text.length() + " characters; at most " + MAX_TEXT_CHARS);
        }
    }
}
