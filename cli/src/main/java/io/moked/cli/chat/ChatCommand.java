package io.moked.cli.chat;

import io.moked.agent.AgentLoop;
import io.moked.agent.chat.ChatAgent;
import io.moked.agent.chat.ChatSession;
import io.moked.cli.ActorOption;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliException;
import io.moked.cli.ExitCode;
import io.moked.cli.TenantOption;
import io.moked.cli.output.Direction;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "chat", description = {
        "Talk to the tenant's assistant by typing: the same prompt, tools and database as a call (channel chat).",
        "The prompt is the tenant's active chat prompt, else its voice prompt. With --as the chat is that caller's: "
                + "their lead is found or created and what the tools learn is saved to it. Without --as it is an "
                + "anonymous caller (no lead; lead and diary tools answer the assistant with an error).",
        "Interactive on a terminal (exit with Ctrl-D or /exit); with --script FILE (or piped input) every line is "
                + "a caller message and the run is non-interactive. Lines starting with # are comments.",
        "-o json prints one JSON object per event: {\"role\":\"assistant\",\"text\":...}, "
                + "{\"tool\":...,\"arguments\":...,\"result\":...}, {\"role\":\"user\",\"text\":...} (scripted "
                + "lines) and {\"ended\":\"transfer\"|\"end_call\",\"reason\":...}.",
        "Example: agentctl chat --tenant yafo-homes --as 052-555-0101 --script caller.txt -o json"})
public final class ChatCommand extends AgentctlCommand {
    private static final String PROMPT = "> ";
    private static final List<String> EXIT_WORDS = List.of("/exit", "/quit");

    @Mixin
    TenantOption tenant;

    @Option(names = "--as", paramLabel = "PHONE",
            description = "Chat as this caller's phone number (the lead is found or created, source chat).")
    String phone;

    @Option(names = "--script", paramLabel = "FILE",
            description = "Caller messages, one per line (UTF-8); non-interactive.")
    Path script;

    @Mixin
    ActorOption actor;

    @Override
    protected int execute() throws IOException, InterruptedException {
        Tenant t = service(TenantService.class).get(tenant.slug());
        List<String> lines = script == null ? null : readScript(script);
        boolean interactive = lines == null && runtime().stdoutIsTerminal() && !out().isJson();
        ChatAgent agent = service(ChatAgent.class);
        ChatEvents events = new ChatEvents(out(), Direction.forLocale(t.locale()), !interactive);
        try (ChatSession session = agent.open(t, phone, null, null, "chat:" + actor.resolve(runtime()))) {
            if (!out().isJson() && !interactive) {
                out().note("Chat with tenant '" + t.slug() + "' (" + session.prompt().channel().id() + " prompt v"
                        + session.prompt().version() + (session.lead() == null ? ", anonymous"
                        : ", as " + session.lead().phone()) + ")");
            }
            events.assistant(session.greeting());
            if (interactive) {
                interactive(session, events);
            } else {
                List<String> messages = lines != null ? lines : readLines(new BufferedReader(
                        new InputStreamReader(runtime().stdin(), StandardCharsets.UTF_8)));
                for (int i = 0; i < messages.size(); i++) {
                    if (session.ended() != null) {
                        out().note("The conversation ended; " + (messages.size() - i) + " more line(s) not sent.");
                        break;
                    }
                    events.caller(messages.get(i));
                    turn(session, events, messages.get(i));
                }
            }
        }
        return ExitCode.OK;
    }

    private void turn(ChatSession session, ChatEvents events, String message) throws InterruptedException {
        AgentLoop.Outcome outcome;
        try {
            outcome = session.send(message, events);
        } catch (ChatSession.ChatFailure e) {
            throw CliException.failure(e.getMessage(), e);
        }
        events.assistant(outcome.text());
        if (session.ended() != null) {
            events.ended(session.ended());
        }
    }

    private void interactive(ChatSession session, ChatEvents events) throws IOException, InterruptedException {
        out().note("Chat with tenant '" + session.tenant().slug() + "' (" + session.prompt().channel().id()
                + " prompt v" + session.prompt().version() + "). Ctrl-D or /exit to leave.");
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("agentctl-chat").build();
            while (session.ended() == null) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                String message = line.strip();
                if (message.isEmpty() || message.startsWith("#")) {
                    continue;
                }
                if (EXIT_WORDS.contains(message)) {
                    return;
                }
                turn(session, events, message);
            }
        }
    }

    private static List<String> readScript(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> lines = readLines(reader);
            if (lines.isEmpty()) {
                throw CliException.usage("--script " + file + ": no caller lines (blank lines and # comments "
                        + "are skipped)");
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw CliException.notFound("--script " + file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw CliException.usage("--script " + file + ": not UTF-8 text");
        }
    }

    /** Caller lines: stripped (a BOM too), blank lines and # comments skipped. */
    static List<String> readLines(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.replace("\uFEFF", "").strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                lines.add(text);
            }
        }
        return lines;
    }
}
