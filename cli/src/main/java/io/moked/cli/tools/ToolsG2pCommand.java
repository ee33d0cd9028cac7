package io.moked.cli.tools;

import io.moked.call.SpeechText;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.cli.output.Fields;
import io.moked.crm.tenant.TenantService;
import io.moked.engine.EngineException;
import io.moked.tts.HebrewG2p;
import io.moked.tts.g2p.PhonikudG2p;
import io.moked.tts.piper.PiperTtsEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code agentctl tools g2p --tenant T TEXT}: the tenant's whole text → IPA path (speech normaliser, then the G2P of
 * the configured voice's phoneme convention), as the local Piper engine would run it. Fails (exit 1) with the
 * reason and the fix when the G2P's models are not installed.
 */
@Command(name = "g2p", description = "Run the tenant's text → phonemes path: normalise TEXT for speech, then the "
        + "Hebrew G2P of the configured voice; prints the spoken text, vocalized text (phonikud) and IPA.")
public final class ToolsG2pCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Parameters(index = "0", paramLabel = "TEXT", description = "Text as the assistant would write it.")
    String text;

    /** JSON shape of the command; {@code vocalized} is null for G2Ps that do not vocalize (renikud). */
    public record G2p(String tenant, String text, String spoken, String g2p, String convention, String vocalized,
                      String ipa) {
    }

    @Override
    protected int execute() {
        ToolsText.check(text);
        String slug = service(TenantService.class).get(tenant.slug()).slug();
        String spoken = service(SpeechText.class).forSpeech(text);
        try {
            HebrewG2p g2p = service(PiperTtsEngine.class).chooseG2p();
            String vocalized = g2p instanceof PhonikudG2p p ? p.vocalize(spoken) : null;
            String ipa = g2p.toIpa(spoken);
            G2p result = new G2p(slug, text, spoken, g2p.name(), g2p.convention().id(), vocalized, ipa);
            out().emit(result, out -> Fields.create().add("Spoken", spoken).add("G2P", g2p.name())
                    .add("Vocalized", vocalized == null ? "-" : vocalized).add("IPA", ipa).render(out));
        } catch (EngineException e) {
            throw CliException.failure(e.getMessage(), e);
        }
        return ExitCode.OK;
    }
}
