package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Opens the store of an existing data folder. While a daemon runs on it this fails with BUSY,
     * naming the process that holds the folder.
     */
    public SessionStore openExisting() {
        Path path = path();
        if (!Files.isDirectory(path)) {
            throw new EncoreException(Reason.STORAGE_FAILURE, "There is no data folder at " + path
                    + " (pass --data with the folder the daemon uses: ./encore-data where it was started, unless it was given --data).");
        }
        return SessionStore.open(path);
    }
}
