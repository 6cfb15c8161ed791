package dev.encore.app;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.CommandStemExtractor;
import dev.encore.audio.Ffmpeg;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.SpectralStemExtractor;
import dev.encore.audio.StemExtractor;
import dev.encore.control.ControlMap;
import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import dev.encore.control.OscSettings;
import dev.encore.control.SessionSettings;
import dev.encore.control.StemSettings;
import dev.encore.control.map.ControlMapReader;
import dev.encore.control.osc.AllowList;
import dev.encore.control.osc.OscConfig;
import dev.encore.session.EngineSettings;
import dev.encore.store.BlobStore;
import dev.encore.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The daemon's configuration: the command line plus the validated osc-map.yaml, turned into what
 * each part needs (engine settings, OSC transport settings, media folders, the stem extractor).
 * Everything is checked before anything starts, so a mistake never leaves a half-started daemon.
 */
public record DaemonConfig(DaemonOptions options, ControlMap map, String mapSource) {

    /**
     * Reads the map named by {@code --map}, else {@code ./osc-map.yaml} when present, else the
     * built-in one.
     *
     * @throws dev.encore.EncoreException BAD_CONFIG listing every problem of the map
     */
    public static DaemonConfig load(DaemonOptions options) {
        Path file = ControlMapReader.locate(options.mapFile(), Path.of(""));
        if (file == null) {
            return new DaemonConfig(options, ControlMapReader.defaults(), "built-in " + ControlMap.FILE_NAME);
        }
        return new DaemonConfig(options, ControlMapReader.load(file), file.toAbsolutePath().normalize().toString());
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath().normalize();
    }

    public EngineSettings engineSettings() {
        SessionSettings s = map.session();
        return new EngineSettings(s.switchPolicy(), s.armingWindowMs(), s.wrap(),
                Math.max(1, s.statusDebounceMs()), s.draftDebounceMs(), EngineSettings.SAVE_COALESCE_MS,
                EngineSettings.CRASH_LOOP_WINDOW_MS, s.fixtures());
    }

    /** The map's {@code session.watchdog_ms}: how long the engine may spend on one action before Encore restarts. */
    public long watchdogMs() {
        return map.session().watchdogMs();
    }

    /** The store's retention, from the map's {@code session:} section; a laptop in a mirror opens its store following. */
    public StoreOptions storeOptions() {
        SessionSettings s = map.session();
        StoreOptions defaults = StoreOptions.DEFAULTS;
        StoreOptions options = defaults.withRetention(orDefault(s.keepRevisions(), defaults.keepRevisions()),
                orDefault(s.deletedRetentionDays(), defaults.deletedRetentionDays()));
        return mirror().role() == MirrorRole.STANDALONE ? options : options.asMirrored();
    }

    /**
     * The map's {@code mirror:} section with the command line's --role, --mirror-bind, --mirror-peer,
     * --mirror-group, --mirror-advertise and --mirror-key laid over it, checked. The key file is
     * given as a full path: the map's relative to the map's folder ({@code ~} is the home folder),
     * the flag's relative to the working directory.
     *
     * @throws dev.encore.EncoreException BAD_CONFIG naming the flag (or the map) and the fix
     */
    public MirrorSettings mirror() {
        MirrorSettings m = map.mirror();
        DaemonOptions.Mirror flags = options.mirror();
        MirrorRole role = m.role();
        if (flags.role() != null) {
            role = MirrorRole.named(flags.role());
            if (role == null) {
                throw new EncoreException(Reason.BAD_CONFIG, "--role " + flags.role() + ": write standalone, primary or backup.");
            }
        }
        String bind = flags.bind() != null ? flags.bind() : m.bind();
        List<String> peers = flags.peers().isEmpty() ? m.peers() : flags.peers();
        String group = flags.group() != null ? flags.group() : m.group();
        String advertise = flags.advertise() != null ? flags.advertise() : m.advertise();
        if (flags.advertise() != null && MirrorSettings.hostPortProblem(flags.advertise(), false) != null) {
            throw new EncoreException(Reason.BAD_CONFIG, "--mirror-advertise: " + MirrorSettings.hostPortProblem(flags.advertise(), false) + ".");
        }
        if (flags.bind() != null && MirrorSettings.hostPortProblem(flags.bind(), true) != null) {
            throw new EncoreException(Reason.BAD_CONFIG, "--mirror-bind: " + MirrorSettings.hostPortProblem(flags.bind(), true) + ".");
        }
        for (String peer : flags.peers()) {
            if (MirrorSettings.hostPortProblem(peer, false) != null) {
                throw new EncoreException(Reason.BAD_CONFIG, "--mirror-peer: " + MirrorSettings.hostPortProblem(peer, false) + ".");
            }
        }
        if (flags.group() != null && !flags.group().matches("[A-Za-z0-9._-]+")) {
            throw new EncoreException(Reason.BAD_CONFIG, "--mirror-group '" + flags.group() + "': write a name of letters, digits,"
                    + " '.', '_' or '-' that both laptops use, like encore.");
        }
        if (role != MirrorRole.STANDALONE && (bind == null || peers.isEmpty())) {
            throw new EncoreException(Reason.BAD_CONFIG, "Role " + role + " needs this laptop's address and the other's: give"
                    + " --mirror-bind HOST:PORT and --mirror-peer HOST:PORT (or mirror.bind and mirror.peers in " + mapSource + ").");
        }
        String key = flags.key() != null ? Path.of(flags.key()).toAbsolutePath().toString()
                : m.key() == null ? null : mapRelative(m.key()).toAbsolutePath().toString();
        return new MirrorSettings(role, bind, peers, group, m.detectionMs(), m.takeover(), m.takeoverDelayMs(), advertise, key);
    }

    /** A path written in the map: {@code ~} is the home folder, a relative one starts at the map's folder. */
    private Path mapRelative(String entry) {
        Path base = mapSource.startsWith("built-in") ? Path.of("") : Path.of(mapSource).getParent();
        String expanded = entry.equals("~") || entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1) : entry;
        return base == null ? Path.of(expanded) : base.resolve(expanded);
    }

    /** The OSC transport's settings: the map's {@code osc:} section with the command line's port overrides. */
    public OscConfig osc() {
        OscSettings s = map.osc();
        int port = options.oscPort() != null ? options.oscPort() : s.port();
        int replyPort = options.replyPort() != null ? options.replyPort() : s.replyPort();
        return new OscConfig(s.host(), port, replyPort, AllowList.parse(s.allow()), s.maxPacketBytes(),
                Duration.ofSeconds(s.subscriberTimeoutS()), s.tcpFraming(),
                Duration.ofSeconds(s.heartbeatS()), OscConfig.DEFAULT_MAX_TCP_CLIENTS,
                OscConfig.DEFAULT_MAX_TCP_CLIENTS_PER_ADDRESS, Duration.ofSeconds(s.tcpIdleTimeoutS()));
    }

    /**
     * The map's media folders ({@code ~} is the home folder, relative paths start at the map's
     * folder) followed by the command line's {@code --media} folders; empty means the home folder.
     */
    public List<Path> mediaFolders() {
        List<Path> folders = new ArrayList<>();
        for (String entry : map.media()) {
            folders.add(mapRelative(entry));
        }
        folders.addAll(options.media());
        return folders;
    }

    /**
     * The media folders checked to exist, or null when none is named (imports then read from the
     * home folder). Run by {@code --check-map} too, so a folder that is missing fails the check
     * instead of the start.
     *
     * @throws dev.encore.EncoreException BAD_CONFIG naming the folder and where it was named
     */
    public MediaFolders media() {
        List<Path> folders = mediaFolders();
        if (folders.isEmpty()) {
            return null;
        }
        try {
            return MediaFolders.of(folders);
        } catch (EncoreException e) {
            throw new EncoreException(Reason.BAD_CONFIG, e.getMessage() + " Create the folder, or remove it from"
                    + " the media list of " + mapSource + " (or from --media).");
        }
    }

    /** The map's {@code audio.sample_rate}, or the importer's default when it is left out. */
    public int sampleRate() {
        return orDefault(map.audio().sampleRate(), AudioImporter.DEFAULT_SAMPLE_RATE);
    }

    /** The map's {@code audio.stems.timeout_s}, or the stem command's default when it is left out. */
    public Duration stemTimeout() {
        Integer seconds = map.audio().stems().timeoutS();
        return seconds == null ? CommandStemExtractor.Config.DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
    }

    /** The built-in spectral separator, or the map's command line (its text keys the stem cache). */
    public Function<BlobStore, StemExtractor> stemExtractor() {
        StemSettings stems = map.audio().stems();
        if (stems.extractor() == dev.encore.control.StemExtractorKind.BUILTIN) {
            return SpectralStemExtractor::new;
        }
        String version = HexFormat.of().toHexDigits(String.join("\u0000", stems.command()).hashCode());
        CommandStemExtractor.Config config = new CommandStemExtractor.Config("command", version, stems.command(),
                CommandStemExtractor.Config.DEFAULT_STEM_FILES, stemTimeout());
        return blobs -> new CommandStemExtractor(blobs, Ffmpeg.onPath(), config);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
