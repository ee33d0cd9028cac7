package io.moked.cli.sim;

import io.moked.cli.CliException;
import io.moked.cli.CliRuntime;
import io.moked.cli.sim.call.CallEnvironment;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/** Where simulated calls go and how they are signed; shared by {@code call simulate} and {@code loadtest}. */
public final class SimTargetOptions {
    static final String PUBLIC_URL_ENV = "MOKED_PUBLIC_URL";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The appliance's address as this machine reaches it. Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL Twilio is configured with (the appliance's moked.public-url); requests are "
                    + "signed over it. Default: " + PUBLIC_URL_ENV + ", else --url.")
    String publicUrl;

    @Option(names = "--to", paramLabel = "NUMBER", required = true,
            description = "The called number (E.164), which selects the tenant.")
    String to;

    @Option(names = "--from", paramLabel = "NUMBER", defaultValue = "+972500000001",
            description = "Caller number (E.164). Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "File holding the tenant's Twilio auth token (the signing key).")
    Path authTokenFile;

    @Option(names = "--account-sid", paramLabel = "SID",
            description = "The tenant's Twilio account SID (AC...).")
    String accountSid;

    @Option(names = "--status-callback", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Post a 'completed' status callback to /twilio/status when a call ends, as Twilio does "
                    + "for numbers with a status callback URL (default: on; --no-status-callback turns it off).")
    boolean statusCallback;

    public String to() {
        return to;
    }

    public String from() {
        return from;
    }

    URI target() {
        return parse(url, "--url");
    }

    URI publicBase(CliRuntime runtime) {
        String configured = publicUrl != null ? publicUrl : runtime.env().get(PUBLIC_URL_ENV);
        return configured == null || configured.isBlank() ? target() : parse(configured, "--public-url");
    }

    /** The tenant's Twilio account: from the options, else from the appliance's own tenant data. */
    TwilioAccount account(TwilioAccountSource source) {
        String token = null;
        if (authTokenFile != null) {
            try {
                token = Files.readString(authTokenFile).strip();
            } catch (IOException e) {
                throw CliException.usage("cannot read --auth-token-file " + authTokenFile + ": " + e.getMessage());
            }
            if (token.isEmpty()) {
                throw CliException.usage("--auth-token-file " + authTokenFile + " is empty");
            }
        }
        TwilioAccount fromTenant = null;
        if (token == null) {
            fromTenant = source.forNumber(to);
        } else if (accountSid == null) {
            try {
                fromTenant = source.forNumber(to);  // only for the account SID the tenant is configured with
            } catch (RuntimeException e) {
                fromTenant = null;  // no local appliance data: a fresh SID will do for an appliance that ignores it
            }
        }
        if (token == null) {
            if (fromTenant == null) {
                throw CliException.usage("no Twilio auth token for " + to + ": pass --auth-token-file, or run on the "
                        + "appliance host where the tenant owning " + to + " is configured");
            }
            token = fromTenant.authToken();
        }
        String sid = accountSid != null ? accountSid
                : fromTenant != null && fromTenant.accountSid() != null ? fromTenant.accountSid()
                : io.moked.cli.sim.twilio.CallIdentity.sid("AC");
        return new TwilioAccount(sid, token);
    }

    CallEnvironment environment(SimClients clients, CliRuntime runtime, TwilioAccount account) {
        ScheduledExecutorService scheduler = clients.scheduler();
        return new CallEnvironment(clients.http(), scheduler, target(), publicBase(runtime), account.authToken(),
                account.accountSid(), statusCallback);
    }

    private static URI parse(String value, String option) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(option + " " + value + " is not an http(s) URL");
        }
    }
}
