package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.bundle.Exporter;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code encore export --out FILE [NAME...]}: one show bundle with the sessions and all their audio.
 * The file appears under its name only when it is complete (written beside it, forced, renamed).
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = "Write the named sessions (all when none is named) and every piece of audio they use into one bundle file.")
public final class ExportCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    private DataFolder data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the bundle to write; '-' writes it to stdout")
    private String out;

    @Option(names = "--history", description = "also carry every retained revision, not only what each session is now")
    private boolean history;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "sessions to export (default: the whole setlist)")
    private List<String> names = new ArrayList<>();

    public ExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        try (SessionStore store = data.openExisting()) {
            Exporter exporter = new Exporter(store, EncoreVersion.current());
            Exporter.Exported done;
            if (out.equals("-")) {
                done = exporter.export(names, history, terminal.out());
                terminal.out().flush();
            } else {
                done = toFile(exporter, Path.of(out).toAbsolutePath().normalize());
            }
            terminal.err().println("Exported " + done.sessions().size() + " session(s) (" + done.revisions() + " revision(s)) and "
                    + done.blobs() + " audio file(s), " + Sizes.human(done.audioBytes()) + ", to " + (out.equals("-") ? "stdout" : out)
                    + ": " + String.join(", ", done.sessions()));
            return ExitCode.OK;
        }
    }

    private Exporter.Exported toFile(Exporter exporter, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, target + " is a folder; give --out a file name such as "
                    + target.resolve("show.encore.zip") + ".");
        }
        Path folder = target.getParent();
        Path partial = folder.resolve("." + target.getFileName() + ".part");
        try {
            Exporter.Exported done;
            try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
                    OutputStream stream = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 20)) {
                done = exporter.export(names, history, stream);
                stream.flush();
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            if (e instanceof IOException io) {
                throw new EncoreException(Reason.STORAGE_FAILURE, "Writing the bundle " + target + " failed (" + io + "); no bundle was"
                        + " written. Check that the drive has room and is writable.");
            }
            throw e;
        }
    }
}
