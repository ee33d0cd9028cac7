package io.moked.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.moked.cli.call.CallCommand;
import io.moked.cli.chat.ChatCommand;
import io.moked.cli.eval.EvalCommand;
import io.moked.cli.db.DbCommand;
import io.moked.cli.doctor.DoctorCommand;
import io.moked.cli.lead.LeadCommand;
import io.moked.cli.models.ModelsCommand;
import io.moked.cli.prompt.PromptCommand;
import io.moked.cli.serve.ServeCommand;
import io.moked.cli.shell.ShellCommand;
import io.moked.cli.sim.LoadtestCommand;
import io.moked.cli.sim.UpstreamSimCommand;
import io.moked.cli.tenant.TenantCommand;
import io.moked.cli.tools.ToolsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * agentctl: {@code agentctl <noun> <verb> [options]}.
 * <p>
 * To add a command group: create {@code io.moked.cli.<noun>.<Noun>Command extends CommandGroup} whose
 * {@code subcommands} are its verbs ({@code <Noun><Verb>Command extends AgentctlCommand}), then add the group to the
 * list below (one line each, so parallel additions merge cleanly).
 */
@Command(name = "agentctl", versionProvider = ManifestVersion.class,
        usageHelpAutoWidth = false, sortOptions = false,
        description = "Administer a Moked appliance (on-prem AI phone receptionist).",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 invalid usage or input, 3 not found or conflict.",
                "Environment: MOKED_DATA_DIR (default ./var), MOKED_DB_URL (default: SQLite in the data dir),",
                "MOKED_CONFIG (settings file; installed: /etc/moked/moked.yml).",
                "Run 'agentctl <command> --help' for the options of a command."},
        subcommands = {
            ServeCommand.class,
            DbCommand.class,
            TenantCommand.class,
            PromptCommand.class,
            LeadCommand.class,
            DoctorCommand.class,
            ModelsCommand.class,
            ShellCommand.class,
            CallCommand.class,
            LoadtestCommand.class,
            UpstreamSimCommand.class,
            ToolsCommand.class,
            ChatCommand.class,
            EvalCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Agentctl extends CommandGroup {
    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    private final CliRuntime runtime;

    public Agentctl(CliRuntime runtime) {
        this.runtime = runtime;
    }

    public CliRuntime runtime() {
        return runtime;
    }

    /** The runtime of the command tree a command belongs to. */
    static CliRuntime runtimeOf(CommandSpec spec) {
        return ((Agentctl) spec.root().userObject()).runtime();
    }

    /** A fully configured command line (error handling, exit codes); also used by the shell and by tests. */
    public static CommandLine commandLine(CliRuntime runtime) {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new Agentctl(runtime))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExitCodeExceptionMapper(new ExitCodeMapper())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        LoggingSetup.beforeFirstLog(args);
        CliRuntime runtime = CliRuntime.system();
        CommandLine commandLine = commandLine(runtime)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int exitCode = commandLine.execute(args);
        if (exitCode == ExitCode.OK && runtime.isServing()) {
            return; // serve: the HTTP server's threads keep the JVM up until SIGTERM/SIGINT
        }
        runtime.close();
        System.exit(exitCode);
    }
}
