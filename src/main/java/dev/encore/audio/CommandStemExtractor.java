package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an external separator (for example demucs) as a child process: the source is written as a
 * float WAV into a temp folder, the configured command runs with {@code {input}} and
 * {@code {outdir}} filled in, and the stem files it leaves are decoded back into PCM blobs that
 * line up with the source. The temp folder is always removed; a hung separator is killed.
 */
public final class CommandStemExtractor implements StemExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandStemExtractor.class);

    /**
     * How to run the separator: a command line (one list element per argument), the file each
     * stem is found in (searched anywhere under the output folder), and how long it may run.
     */
    public record Config(String id, String version, List<String> command, Map<String, String> stemFiles, Duration timeout) {
        public static final Map<String, String> DEFAULT_STEM_FILES = Map.of(VOCALS, "vocals.wav", INSTRUMENTS, "instruments.wav");
        /** A separator such as demucs on a laptop's CPU can take many minutes for one long track. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

        public Config {
            command = List.copyOf(command);
            stemFiles = Map.copyOf(stemFiles);
            if (command.isEmpty() || command.stream().noneMatch(a -> a.contains("{input}"))
                    || command.stream().noneMatch(a -> a.contains("{outdir}"))) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Stem command " + command
                        + " must name {input} (the WAV to separate) and {outdir} (where it writes the stems).");
            }
            if (stemFiles.isEmpty() || timeout.isNegative() || timeout.isZero()) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Stem command needs at least one stem file and a positive timeout.");
            }
        }

        /** A command writing vocals.wav and instruments.wav, allowed {@link #DEFAULT_TIMEOUT}. */
        public static Config of(String id, String version, List<String> command) {
            return new Config(id, version, command, DEFAULT_STEM_FILES, DEFAULT_TIMEOUT);
        }
    }

    private final BlobStore store;
    private final Ffmpeg ffmpeg;
    private final Config config;
    private final Path tempRoot;

    /**
     * Decodes the stems the separator wrote (ffmpeg is used only if it wrote MP3, FLAC or OGG);
     * each run gets its own folder under {@code tempRoot}.
     */
    public CommandStemExtractor(BlobStore store, Ffmpeg ffmpeg, Config config, Path tempRoot) {
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.config = config;
        this.tempRoot = tempRoot;
    }

    /** Runs in the system's temp folder. */
    public CommandStemExtractor(BlobStore store, Ffmpeg ffmpeg, Config config) {
        this(store, ffmpeg, config, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String version() {
        return config.version();
    }

    @Override
    public Map<String, AssetId> extract(StemSource source, Progress progress) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempRoot, "encore-stems-");
            Path input = dir.resolve("input.wav");
            Path outdir = Files.createDirectories(dir.resolve("out"));
            progress.report(0);
            FloatWav.write(input, source.samples(), source.sampleRate(), source.channels());
            progress.report(0.05);
            run(input, outdir);
            progress.report(0.8);
            Map<String, Path> files = new LinkedHashMap<>();
            for (Map.Entry<String, String> stem : config.stemFiles().entrySet()) {
                files.put(stem.getKey(), find(outdir, stem.getValue()).orElseThrow(() -> new EncoreException(Reason.GENERAL,
                        "Stem command " + config.id() + " finished but wrote no " + stem.getValue() + " under its output folder;"
                                + " check the command and its stem file names.")));
            }
            Map<String, AssetId> stems = new LinkedHashMap<>();
            BlobDecoder decoder = new BlobDecoder(store, source.sampleRate(), ffmpeg);
            for (Map.Entry<String, Path> file : files.entrySet()) {
                double from = 0.8 + 0.2 * stems.size() / files.size();
                double to = 0.8 + 0.2 * (stems.size() + 1) / files.size();
                PcmAsset pcm = decoder.decode(file.getValue(), source.channels(), source.frames(), progress.range(from, to));
                stems.put(file.getKey(), pcm.id());
            }
            progress.report(1);
            return stems;
        } catch (IOException e) {
            throw new EncoreException(Reason.GENERAL, "Stem command " + config.id() + " could not use its temp folder: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private void run(Path input, Path outdir) throws IOException {
        List<String> command = new ArrayList<>();
        for (String arg : config.command()) {
            command.add(arg.replace("{input}", input.toString()).replace("{outdir}", outdir.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(input.getParent().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new EncoreException(Reason.GENERAL, "Cannot start stem command " + command.get(0) + ": " + e.getMessage()
                    + "; check that it is installed and on the PATH.", e);
        }
        process.getOutputStream().close();
        ProcessOutput stderr = ProcessOutput.drain(process.getErrorStream(), "encore-stems-stderr");
        boolean finished;
        try {
            finished = process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new EncoreException(Reason.GENERAL, "Stem command " + config.id() + " was cancelled.", e);
        }
        if (!finished) {
            kill(process);
            throw new EncoreException(Reason.GENERAL, "Stem command " + config.id() + " did not finish within "
                    + config.timeout().toSeconds() + " s and was stopped; raise its timeout or use the built-in separator.");
        }
        if (process.exitValue() != 0) {
            String tail = stderr.tail();
            throw new EncoreException(Reason.GENERAL, "Stem command " + config.id() + " failed with exit code "
                    + process.exitValue() + (tail.isEmpty() ? "." : ": " + tail));
        }
        LOG.debug("Stem command {} finished", config.id());
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> find(Path outdir, String fileName) throws IOException {
        Path direct = outdir.resolve(fileName).normalize();
        if (direct.startsWith(outdir) && Files.isRegularFile(direct)) {
            return Optional.of(direct);
        }
        String name = Path.of(fileName).getFileName().toString();
        try (Stream<Path> all = Files.walk(outdir)) {
            return all.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().equals(name)).sorted().findFirst();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Could not delete stem temp file {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not clean stem temp folder {}: {}", dir, e.toString());
        }
    }
}
