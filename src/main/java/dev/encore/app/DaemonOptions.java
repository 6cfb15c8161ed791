package dev.encore.app;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code java -jar encore.jar}: where the data lives, which osc-map.yaml to
 * read, port overrides, extra media folders, and what to do (run the daemon, check the map, rebuild
 * the store, print help). Parsed once; a wrong flag is a BAD_ARGUMENTS error naming it.
 */
public record DaemonOptions(Mode mode, Path dataDir, Path mapFile, Integer oscPort, Integer replyPort, List<Path> media) {

    /** What the command line asks for. */
    public enum Mode { RUN, CHECK_MAP, REBUILD, HELP }

    /** The data folder when {@code --data} is not given, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("encore-data");

    public static final String USAGE = """
            Usage: java -jar encore.jar [options]

            Runs the Encore daemon: OSC on UDP and TCP, MIDI controllers, sessions kept in the data folder.

              --data DIR        data folder (default ./encore-data, created when missing)
              --map FILE        osc-map.yaml to read (default ./osc-map.yaml when present, else the built-in one)
              --osc-port N      UDP and TCP port for commands (default from the map, 8000; 0 picks a free port)
              --reply-port N    port on the sender's address for replies and pushes (default from the map, 9000)
              --media DIR       folder /encore/track/import may read from; repeat for more (added to the map's media)
              --check-map       check the map, print every problem, exit 0 (valid) or 1
              --rebuild         rebuild the store's index from its manifests, print the report, exit
              --help            print this text

            Stop with Ctrl-C or SIGTERM: a save in flight finishes and unsaved changes are kept as a draft.
            Exit codes: 0 done, 1 failed (map invalid, store damaged, port in use), 2 wrong command line.
            """;

    public DaemonOptions {
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        media = media == null ? List.of() : List.copyOf(media);
    }

    /**
     * Reads the command line.
     *
     * @throws EncoreException BAD_ARGUMENTS naming the flag or value that is wrong
     */
    public static DaemonOptions parse(String... args) {
        Mode mode = Mode.RUN;
        Path data = null;
        Path map = null;
        Integer oscPort = null;
        Integer replyPort = null;
        List<Path> media = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            switch (flag) {
                case "--help", "-h" -> mode = Mode.HELP;
                case "--check-map" -> mode = mode == Mode.HELP ? mode : Mode.CHECK_MAP;
                case "--rebuild" -> mode = mode == Mode.HELP ? mode : Mode.REBUILD;
                case "--data", "--map", "--osc-port", "--reply-port", "--media" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw bad(flag + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (flag) {
                        case "--data" -> data = path(flag, value);
                        case "--map" -> map = path(flag, value);
                        case "--osc-port" -> oscPort = port(flag, value, 0);
                        case "--reply-port" -> replyPort = port(flag, value, 1);
                        default -> media.add(path(flag, value));
                    }
                }
                default -> throw bad("unknown option '" + args[i] + "'");
            }
        }
        return new DaemonOptions(mode, data, map, oscPort, replyPort, media);
    }

    private static Path path(String flag, String value) {
        if (value.isBlank()) {
            throw bad(flag + " needs a folder or file, not an empty text");
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw bad(flag + " '" + value + "' is not a path");
        }
    }

    private static int port(String flag, String value, int min) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= min && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw bad(flag + " must be a port number from " + min + " to 65535, not '" + value + "'");
    }

    private static EncoreException bad(String message) {
        return new EncoreException(Reason.BAD_ARGUMENTS, message + ". Run with --help to see the options.");
    }
}
