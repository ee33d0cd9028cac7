package io.moked.cli.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Stores the tenant's Twilio account. The auth token is read from a file, never from the command line (which other
 * users can see in the process list and which lands in shell history), and it is never printed.
 */
@Command(name = "set-twilio", description = {"Store the tenant's Twilio account SID and auth token.",
        "The token is read from a file (or '-' for stdin) and stored owner-only in the data dir; it is never printed."})
public final class TenantSetTwilioCommand extends AgentctlCommand {
    @Mixin
    TenantOption tenant;

    @Option(names = "--account-sid", required = true, paramLabel = "AC...", description = "Twilio account SID.")
    String accountSid;

    @Option(names = "--auth-token-file", required = true, paramLabel = "FILE",
            description = "File holding the auth token (first line), or '-' to read it from stdin.")
    String tokenFile;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws IOException {
        String token = readToken();
        Tenant updated = service(TenantService.class).setTwilio(tenant.slug(), accountSid, token,
                actor.resolve(runtime()));
        out().emit(updated, out -> out.line("Tenant '" + updated.slug() + "': Twilio account "
                + updated.twilioAccountSid() + " stored (auth token saved, not shown)."));
        return ExitCode.OK;
    }

    /** A Twilio account auth token: 32 hexadecimal characters. */
    static final java.util.regex.Pattern AUTH_TOKEN = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");
    /** Bytes read at most from the token file: a token and its line break, with room for a BOM or CRLF. */
    static final int MAX_TOKEN_FILE_BYTES = 256;

    private String readToken() throws IOException {
        String content;
        if ("-".equals(tokenFile)) {
            content = new String(runtime().stdin().readNBytes(MAX_TOKEN_FILE_BYTES), StandardCharsets.UTF_8);
        } else {
            Path file = Path.of(tokenFile);
            try (java.io.InputStream in = Files.newInputStream(file)) {
                content = new String(in.readNBytes(MAX_TOKEN_FILE_BYTES), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw CliException.usage("--auth-token-file " + tokenFile + ": no such file");
            }
            warnIfOthersCanRead(file);
        }
        String token = content.lines().findFirst().orElse("").strip();
        if (token.isEmpty()) {
            throw CliException.usage("--auth-token-file " + tokenFile + " is empty");
        }
        if (!AUTH_TOKEN.matcher(token).matches()) {
            // never echo the content: it may be a real secret pasted into the wrong file
            throw CliException.usage("--auth-token-file " + tokenFile + " does not hold a Twilio auth token (32 "
                    + "hexadecimal characters, as shown in the Twilio Console); nothing stored");
        }
        return token;
    }

    private void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                out().note("warning: " + file + " is readable by every user; consider 'chmod 600 " + file
                        + "' or deleting it now that the token is stored");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here (or unreadable metadata): nothing useful to warn about
        }
    }
}
