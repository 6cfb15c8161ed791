package dev.encore.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.bundle.BundleCheck;
import dev.encore.bundle.BundleProgress;
import dev.encore.bundle.Exporter;
import dev.encore.bundle.Importer;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The promise "export and import of 700 MB of audio at least 0.5x the throughput of copying the same
 * files": an export of a show with that much audio to a bundle file (every blob checked against its
 * name and hashed, written, forced, renamed), an import of that bundle into an empty folder (the
 * whole bundle checked, the audio stored and forced, the sessions journaled), and, as the baseline,
 * {@code Files.copy} of the show's blob files to a fresh folder with a force of each copy. The three
 * take turns in one process, round after round, in a rotating order, so disk noise hits all alike;
 * the page cache is warm for all three.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 4, time = 1)
public class BundleBenchmark {
    /** Audio in the show, in MiB; {@code -p audioMib=100} for a quick run. */
    @Param({"700"})
    public int audioMib;

    private Scratch scratch;
    private Path show;
    private Path bundle;
    private final List<Path> blobFiles = new ArrayList<>();
    private long round;

    @Setup(Level.Trial)
    public void stage() throws IOException {
        scratch = new Scratch("bundle");
        show = scratch.resolve("show");
        try (SessionStore store = SessionStore.open(show)) {
            List<AssetId> audio = StageAudio.write(store.blobs(), audioMib, 11);
            for (int i = 0; i < audio.size(); i++) {
                ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
                snapshot.putObject("params").put("mixer/gain", 0.1 * i);
                snapshot.putArray("tracks").addObject().put("pcm", audio.get(i).hex()).put("fileName", "song-" + i + ".wav");
                store.create("Song " + (i + 1), snapshot, Set.of(audio.get(i)));
                blobFiles.add(show.resolve("blobs").resolve(audio.get(i).hex().substring(0, 2)).resolve(audio.get(i).hex()));
            }
        }
        bundle = scratch.resolve("show.encore.zip");
        export(bundle);
    }

    @TearDown(Level.Trial)
    public void clean() {
        scratch.close();
    }

    /** Nanoseconds spent in each of the three in this iteration, and how many rounds ran. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class BundleNanos {
        public long filesCopy;
        public long export;
        public long importBundle;
        public long rounds;

        @Setup(Level.Iteration)
        public void reset() {
            filesCopy = 0;
            export = 0;
            importBundle = 0;
            rounds = 0;
        }
    }

    /** One copy, one export and one import, starting with a different one each round; what they wrote is deleted untimed. */
    @Benchmark
    public void eachRound(BundleNanos nanos) throws IOException {
        for (int k = 0; k < 3; k++) {
            int which = (int) ((round + k) % 3);
            Path out = scratch.resolve("round-" + round + "-" + which);
            long start = System.nanoTime();
            switch (which) {
                case 0 -> copyFiles(out);
                case 1 -> export(out);
                default -> importInto(out);
            }
            long took = System.nanoTime() - start;
            switch (which) {
                case 0 -> nanos.filesCopy += took;
                case 1 -> nanos.export += took;
                default -> nanos.importBundle += took;
            }
            Scratch.deleteTree(out);
        }
        round++;
        nanos.rounds++;
    }

    private void copyFiles(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Path blob : blobFiles) {
            Path copy = folder.resolve(blob.getFileName());
            Files.copy(blob, copy);
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    private void export(Path file) throws IOException {
        try (SessionStore store = SessionStore.openReadOnly(show)) {
            new Exporter(store, "bench").toFile(List.of(), false, file, BundleProgress.NONE);
        }
    }

    private void importInto(Path folder) throws IOException {
        BundleCheck.Checked checked = BundleCheck.check(bundle, BundleProgress.NONE);
        try (SessionStore store = SessionStore.open(folder)) {
            new Importer(store).importChecked(bundle, checked, BundleProgress.NONE);
        }
    }
}
