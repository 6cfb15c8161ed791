package dev.encore.app.cli;

import dev.encore.bundle.Exporter;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code encore export --out FILE [NAME...]}: one show bundle with the sessions and all their audio.
 * The file appears under its name only when it is complete (written beside it, forced, renamed).
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Write the named sessions (all when none is named) and every piece of audio they use into one bundle file.",
                "Works while a daemon runs on the folder: it carries what was saved when it started (not unsaved changes) and writes nothing there."})
public final class ExportCommand extends FolderWork {
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the bundle to write; '-' writes it to stdout")
    private String out;

    @Option(names = "--history", description = "also carry every retained revision, not only what each session is now")
    private boolean history;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "sessions to export (default: the whole setlist)")
    private List<String> names = new ArrayList<>();

    public ExportCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws IOException {
        boolean toStdout = out.equals("-");
        Terminal shown = toStdout ? new Terminal(terminal.out(), terminal.err(), false) : terminal;
        try (SessionStore store = data.openForReading();
                ProgressDisplay display = ProgressDisplay.of(shown, progress, ProgressDisplay.Unit.BYTES,
                        toStdout ? terminal.err() : terminal.out())) {
            Exporter exporter = new Exporter(store, EncoreVersion.current());
            Exporter.Exported done;
            if (toStdout) {
                done = exporter.export(names, history, terminal.out(), display);
                terminal.out().flush();
            } else {
                done = exporter.toFile(names, history, Path.of(out).toAbsolutePath().normalize(), display);
            }
            display.close();
            terminal.err().println("Exported " + done.sessions().size() + " session(s) (" + done.revisions() + " revision(s)) and "
                    + done.blobs() + " audio file(s), " + Sizes.human(done.audioBytes()) + ", to " + (out.equals("-") ? "stdout" : out)
                    + ": " + String.join(", ", done.sessions()));
            return ExitCode.OK;
        }
    }
}
