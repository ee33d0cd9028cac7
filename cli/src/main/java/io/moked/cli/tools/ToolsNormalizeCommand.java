package io.moked.cli.tools;

import io.moked.call.SpeechText;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.cli.output.Fields;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code agentctl tools normalize --tenant T TEXT}: the text exactly as the call path hands it to TTS. */
@Command(name = "normalize", description = "Print what TTS will be asked to say for TEXT (numbers, prices, phones, "
        + "times, dates, weekdays and abbreviations spelled out).")
public final class ToolsNormalizeCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Parameters(index = "0", paramLabel = "TEXT", description = "Text as the assistant would write it.")
    String text;

    /** JSON shape of the command. */
    public record Normalized(String tenant, String text, String spoken) {
    }

    @Override
    protected int execute() {
        ToolsText.check(text);
        String slug = service(TenantService.class).get(tenant.slug()).slug();
        String spoken = service(SpeechText.class).forSpeech(text);
        out().emit(new Normalized(slug, text, spoken), out -> Fields.create().add("Text", text)
                .add("Spoken", spoken).render(out));
        return ExitCode.OK;
    }
}
