package io.moked.cli.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.moked.cli.CliRun;
import io.moked.crm.prompt.Placeholders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every placeholder a prompt may use is documented in 'prompt push --help', and nothing else. */
class PromptPushHelpTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEveryKnownPlaceholder() {
        try (CliRun cli = CliRun.sqlite(tmp)) {
            CliRun.Result help = cli.ok("prompt", "push", "--help");
            for (String name : Placeholders.KNOWN.keySet()) {
                assertTrue(help.out().contains("{{" + name + "}}"), "missing {{" + name + "}} in:\n" + help.out());
            }
            String footer = help.out().substring(help.out().indexOf("Placeholders ("));
            assertEquals(Placeholders.KNOWN.size(), footer.lines().filter(l -> l.strip().startsWith("{{")).count(),
                    footer);
        }
    }
}
