package dev.encore.app;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line of {@code java -jar encore.jar} asks the daemon for: where the data lives,
 * which osc-map.yaml to read, port overrides, extra media folders, the mirror flags, and what to do
 * (run the daemon, check the map, rebuild the store). Read by picocli in {@link EncoreCommand}.
 */
public record DaemonOptions(Mode mode, Path dataDir, Path mapFile, Integer oscPort, Integer replyPort, List<Path> media,
        Mirror mirror) {

    /** What the command line asks for. */
    public enum Mode { RUN, CHECK_MAP, REBUILD }

    /** The data folder when {@code --data} is not given, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("encore-data");

    /** The mirror flags; null (or empty) where the map's {@code mirror:} section decides. */
    public record Mirror(String role, String bind, List<String> peers, String group, String advertise, String key) {
        public static final Mirror NONE = new Mirror(null, null, List.of(), null, null, null);

        public Mirror {
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    public DaemonOptions {
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        media = media == null ? List.of() : List.copyOf(media);
        mirror = mirror == null ? Mirror.NONE : mirror;
    }

    public DaemonOptions(Mode mode, Path dataDir, Path mapFile, Integer oscPort, Integer replyPort, List<Path> media) {
        this(mode, dataDir, mapFile, oscPort, replyPort, media, Mirror.NONE);
    }

}
