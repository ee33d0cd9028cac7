package io.moked.cli.tools;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Fields;
import io.moked.tts.g2p.HebrewPhonemizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agentctl tools phonemize TEXT}: vocalized Hebrew → IPA with the rule-based phonemizer; needs no model. */
@Command(name = "phonemize", description = "Turn vocalized Hebrew (with niqqud) into IPA with the rule-based "
        + "phonemizer (phonikud's convention); needs no model and no database.")
public final class ToolsPhonemizeCommand extends AgentctlCommand {
    @Parameters(index = "0", paramLabel = "TEXT", description = "Vocalized Hebrew, e.g. שָׁלוֹם עוֹלָם.")
    String text;

    /** JSON shape of the command. */
    public record Phonemized(String text, String ipa) {
    }

    @Override
    protected int execute() {
        ToolsText.check(text);
        String ipa = new HebrewPhonemizer().phonemize(text);
        out().emit(new Phonemized(text, ipa), out -> Fields.create().add("Text", text).add("IPA", ipa).render(out));
        return ExitCode.OK;
    }
}
