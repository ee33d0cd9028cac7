package io.moked.cli.shell;

import io.moked.config.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

import io.moked.cli.Agentctl;
import io.moked.cli.AgentctlCommand;
import io.moked.cli.CliRuntime;
import io.moked.cli.ExitCode;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.SystemCompleter;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.WriterOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.shell.jline3.PicocliCommands;

/**
 * Interactive agentctl: the same commands without the {@code agentctl} prefix, tab completion of commands and
 * options, history kept in the data directory. All commands of a session share one runtime, so the services start
 * once (the first command that needs them) instead of once per command.
 */
@Command(name = "shell", description = "Interactive agentctl shell with completion and history (exit with 'exit' or Ctrl-D).")
public final class ShellCommand extends AgentctlCommand {
    static final String HISTORY_FILE = "agentctl_history";
    private static final String PROMPT = "agentctl> ";
    private static final Set<String> EXIT_WORDS = Set.of("exit", "quit");

    @Override
    protected int execute() throws IOException {
        CliRuntime runtime = runtime();
        Path history = runtime.dataDir().resolve(HISTORY_FILE);
        // what an admin typed (tenant names, numbers) is private: data dir 0700, history 0600 whatever the umask
        PrivateFiles.directory(history.getParent());
        PrivateFiles.createFile(history);
        try (Terminal terminal = openTerminal(runtime)) {
            // commands lay out their output for this terminal's current width (it follows resizes); a dumb
            // terminal (piped input) knows none, so the runtime's own answer stays
            IntSupplier outer = runtime.useTerminalWidth(() -> 0);
            runtime.useTerminalWidth(() -> terminal.getWidth() > 0 ? terminal.getWidth() : outer.getAsInt());
            try {
                run(terminal, runtime, history);
            } finally {
                runtime.useTerminalWidth(outer);
            }
        }
        return ExitCode.OK;
    }

    private static void run(Terminal terminal, CliRuntime runtime, Path history) throws IOException {
        PrintWriter writer = terminal.writer();
        CommandLine commands = Agentctl.commandLine(runtime).setOut(writer).setErr(writer);
        // no shell inside the shell
        commands.getCommandSpec().removeSubcommand("shell");
        SystemCompleter completer = new PicocliCommands(commands).compileCompleters();
        if (!completer.isCompiled()) {
            completer.compile();
        }
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("agentctl")
                .completer(completer)
                .parser(new DefaultParser())
                .variable(LineReader.HISTORY_FILE, history)
                .build();
        loop(reader, commands);
        reader.getHistory().save();
    }

    private static void loop(LineReader reader, CommandLine commands) {
        while (true) {
            try {
                reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line being typed, as in bash
            } catch (EndOfFileException e) {
                return;
            }
            List<String> words = new ArrayList<>();
            for (String word : reader.getParsedLine().words()) {
                if (!word.isBlank()) {
                    words.add(word);
                }
            }
            if (!words.isEmpty() && "agentctl".equals(words.get(0))) {
                words.remove(0); // pasted from a script or the README
            }
            if (words.isEmpty()) {
                continue;
            }
            if (EXIT_WORDS.contains(words.get(0))) {
                return;
            }
            commands.execute(words.toArray(String[]::new));
            commands.getOut().flush();
        }
    }

    private Terminal openTerminal(CliRuntime runtime) throws IOException {
        if (runtime.stdoutIsTerminal()) {
            return TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build();
        }
        // Piped use (scripts, tests): a dumb terminal reading stdin synchronously (the external terminal's input
        // pump thread would report end of input before the queued lines are read) and writing to our stdout.
        DumbTerminal terminal = new DumbTerminal("agentctl", Terminal.TYPE_DUMB, runtime.stdin(),
                new WriterOutputStream(spec.commandLine().getOut(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        // do not echo what the script typed into the output
        Attributes attributes = terminal.getAttributes();
        attributes.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        terminal.setAttributes(attributes);
        return terminal;
    }
}
