package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} option every subcommand shares, with the daemon's default. Commands that
 * read a show open an existing folder only: a mistyped path is an error, never a new empty store.
 */
public final class DataFolder {
    /** The data folder when {@code --data} is not given, relative to the working directory. */
    public static final Path DEFAULT = Path.of("encore-data");

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default ./encore-data)")
    private Path dir = DEFAULT;

    public Path path() {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Opens the store of an existing data folder to read it, also while a daemon runs on it: no lock
     * is taken and nothing in the folder is written; what it sees is what was committed when it opened.
     */
    public SessionStore openForReading() {
        return SessionStore.openReadOnly(requireExisting());
    }

    /**
     * Opens the store of an existing data folder to change it. While a daemon runs on it this fails
     * with BUSY: the message names the daemon (pid, host, since when), says why {@code command}
     * does not run beside it and how to stop it.
     */
    public SessionStore openForChanging(String command, String why, String meanwhile) {
        Path path = requireExisting();
        Optional<FolderHolder> holder = FolderHolder.of(path);
        if (holder.isPresent()) {
            throw holder.get().refuses(command, path, why, meanwhile);
        }
        return SessionStore.open(path);
    }

    /** Throws BUSY naming the daemon that holds the folder, why {@code command} does not run beside it and how to stop it. */
    public void refuseWhileHeld(String command, String why) {
        Optional<FolderHolder> holder = FolderHolder.of(path());
        if (holder.isPresent()) {
            throw holder.get().refuses(command, path(), why, "");
        }
    }

    /** The process that holds the folder now, if any. */
    Optional<FolderHolder> holder() {
        return FolderHolder.of(path());
    }

    private Path requireExisting() {
        Path path = path();
        if (!Files.isDirectory(path)) {
            throw new EncoreException(Reason.STORAGE_FAILURE, "There is no data folder at " + path
                    + " (pass --data with the folder the daemon uses: ./encore-data where it was started, unless it was given --data).");
        }
        return path;
    }
}
