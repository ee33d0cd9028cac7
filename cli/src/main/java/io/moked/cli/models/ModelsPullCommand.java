package io.moked.cli.models;

import io.moked.cli.AgentctlCommand;
import io.moked.cli.ExitCode;
import io.moked.cli.output.Output;
import io.moked.cli.output.Progress;
import io.moked.cli.output.Table;
import io.moked.models.DownloadProgress;
import io.moked.models.ModelException;
import io.moked.models.ModelStore;
import io.moked.models.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code agentctl models pull NAME...}: download, resume, check sha256, install atomically. */
@Command(name = "pull", description = "Download models (resumes a cut download; checks sha256 before installing).")
public final class ModelsPullCommand extends AgentctlCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Model names from `agentctl models list`.")
    List<String> names;

    @picocli.CommandLine.Option(names = "--profile", paramLabel = "NAME",
            description = "Pull every model of a profile (see `agentctl models recommend`).")
    String profile;

    /** JSON shape of one pulled file. */
    public record Pulled(String model, String path, boolean downloaded, String sha256, long sizeBytes,
                         boolean hashLocked) {
        static Pulled of(PullResult r) {
            return new Pulled(r.model(), r.path().toString(), r.downloaded(), r.sha256(), r.sizeBytes(),
                    r.hashLocked());
        }
    }

    @Override
    protected int execute() {
        ModelStore store = ModelsCli.store(runtime());
        List<String> wanted = new ArrayList<>(names == null ? List.of() : names);
        List<String> importOnly = new ArrayList<>();
        if (profile != null) {
            try {
                for (String model : store.catalog().requireProfile(profile).models().values()) {
                    if (store.catalog().require(model).url() == null) {
                        importOnly.add(model);
                    } else {
                        wanted.add(model);
                    }
                }
            } catch (ModelException e) {
                throw ModelsCli.translate(e);
            }
        }
        if (wanted.isEmpty() && importOnly.isEmpty()) {
            throw io.moked.cli.CliException.usage("give model NAMEs or --profile NAME");
        }
        List<Pulled> pulled = new ArrayList<>();
        for (String name : wanted) {
            try (ProgressBridge progress = new ProgressBridge(out())) {
                store.pull(name, progress).forEach(r -> pulled.add(Pulled.of(r)));
            } catch (ModelException e) {
                throw ModelsCli.translate(e);
            }
        }
        out().emit(pulled, out -> {
            Table.of("MODEL", "STATUS", "SIZE", "SHA256")
                    .rows(pulled, p -> List.of(p.model(), status(p), ModelsCli.bytes(p.sizeBytes()), p.sha256()))
                    .rightAlign(2)
                    .render(out);
            importOnly.forEach(m -> out.note(m + " has no download url: bring it with `agentctl models import DIR|TARBALL`"));
            if (pulled.stream().anyMatch(Pulled::hashLocked)) {
                out.note("The manifest had no sha256 for some files: their hash is now locked in "
                        + store.modelsDir().resolve("models.lock") + " and enforced from now on.");
            }
        });
        if (!importOnly.isEmpty()) {
            out().note("profile " + profile + " is not complete: import " + String.join(", ", importOnly));
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private static String status(Pulled p) {
        if (!p.downloaded()) {
            return "already installed";
        }
        return p.hashLocked() ? "installed (hash locked)" : "installed";
    }

    /** Turns store events into the CLI's progress line (one per file). */
    private static final class ProgressBridge implements DownloadProgress, AutoCloseable {
        private final Output out;
        private Progress current;

        ProgressBridge(Output out) {
            this.out = out;
        }

        @Override
        public void onEvent(Event event) {
            switch (event.phase()) {
                case STARTED:
                case RESUMED:
                    closeCurrent();
                    if (event.phase() == Phase.RESUMED) {
                        out.note("resuming " + event.model() + " at " + ModelsCli.bytes(event.bytesDone()));
                    }
                    current = out.progress("pull " + event.model(), event.bytesTotal(), Progress.Unit.BYTES);
                    current.set(event.bytesDone());
                    break;
                case DOWNLOADING:
                    if (current != null) {
                        current.set(event.bytesDone());
                    }
                    break;
                case VERIFYING:
                    closeCurrent();
                    break;
                case ALREADY_INSTALLED:
                    out.note(event.model() + " is already installed and intact");
                    break;
                default:
                    break;
            }
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            closeCurrent();
        }
    }
}
