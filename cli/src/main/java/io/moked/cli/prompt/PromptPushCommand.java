package io.moked.cli.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push", description = {"Store a file as the next prompt version (not active until 'prompt activate').",
        "Placeholders such as {{business_name}} are checked: an unknown one is rejected with the list of known ones."},
        footer = {"", "Placeholders (filled for each call; the greeting template may use them too):",
            "  {{business_name}}            tenant business name",
            "  {{assistant_name}}           the assistant's name",
            "  {{greeting}}                 the greeting said (returning-caller variant, recording disclosure)",
            "  {{business_hours}}           opening hours, one line per open day",
            "  {{transfer_number}}          number human hand-offs go to (empty when none)",
            "  {{meeting_minutes}}          length of a viewing/meeting in minutes",
            "  {{time_zone}}                tenant time zone id",
            "  {{today}}                    the date at call start (tenant time zone and locale)",
            "  {{weekday}}                  the day of the week at call start",
            "  {{now}}                      the time (HH:mm) at call start",
            "  {{caller_phone}}             the caller's number in E.164 (empty when withheld)",
            "  {{caller_name}}              the caller's name when the lead is known",
            "  {{lead_name}}                the returning caller's name (empty for a new caller)",
            "  {{lead_details}}             what is known about the caller, one fact per line",
            "  {{lead_known_fields}}        the caller's known fields and upcoming meetings, one per line",
            "  {{earlier_calls}}            summaries of the caller's earlier calls, newest first (no transcripts)",
            "  {{qualification_questions}}  the tenant's qualification questions: key, question, answers",
            "  {{available_slots}}          free viewing/meeting slots from now, YYYY-MM-DDTHH:MM, one per line",
            "  {{tone}}                     how the assistant should sound (tenant persona)"})
public final class PromptPushCommand extends AgentctlCommand {
    @Mixin
    PromptTarget target;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The prompt text (UTF-8), or '-' for stdin.")
    String file;

    @Option(names = {"-n", "--note"}, paramLabel = "TEXT", description = "Why this version (shown in 'prompt list').")
    String note;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws IOException {
        String body = readUtf8();
        Tenant tenant = target.tenant(runtime());
        PromptVersion pushed = service(PromptService.class).push(tenant, target.channel, body, note,
                actor.resolve(runtime()));
        out().emit(pushed, out -> out.line("Pushed " + pushed.channel().id() + " prompt v" + pushed.version()
                + " for tenant '" + tenant.slug() + "' (not active yet; activate with: agentctl prompt activate "
                + "--tenant " + tenant.slug() + " --channel " + pushed.channel().id() + " " + pushed.version() + ")"));
        return ExitCode.OK;
    }

    /** Bytes of the largest prompt the service accepts (100,000 characters of up to 4 UTF-8 bytes each). */
    static final int MAX_FILE_BYTES = 400_000;

    /** At most {@link #MAX_FILE_BYTES}; one byte more means the file is too big (exit 2, nothing read beyond). */
    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw CliException.usage("--file " + file + " is larger than " + MAX_FILE_BYTES
                    + " bytes; a prompt is at most 100000 characters");
        }
        return bytes;
    }

    private String readUtf8() throws IOException {
        byte[] bytes;
        if ("-".equals(file)) {
            bytes = readAtMost(runtime().stdin());
        } else {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                bytes = readAtMost(in); // never the whole file first: --file /dev/zero is endless
            } catch (NoSuchFileException e) {
                throw CliException.usage("--file " + file + ": no such file");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CliException.usage("--file " + file + " is not UTF-8 text; save it as UTF-8 and push again");
        }
    }
}
