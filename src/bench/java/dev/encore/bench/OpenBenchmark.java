package dev.encore.bench;

import dev.encore.session.Snapshot;
import dev.encore.session.SnapshotCodec;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The promise "opening the next song is as fast as the disk allows": reading a session with 700 MB
 * of audio from the store (record, snapshot, every asset mapped and paged in) against a raw mmap and
 * load of the same files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenBenchmark {
    static final int AUDIO_MIB = 700;

    private Scratch scratch;
    private SessionStore store;
    private StoredSession session;
    private final List<Path> files = new ArrayList<>();

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("open");
        Path data = scratch.resolve("data");
        store = SessionStore.open(data);
        List<AssetId> audio = StageAudio.write(store.blobs(), AUDIO_MIB, 3);
        session = store.create("Encore", SnapshotCodec.encode(Performances.snapshot(audio, 0)), new HashSet<>(audio));
        for (AssetId id : audio) {
            files.add(data.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex()));
        }
    }

    /** Unmaps what the last iteration mapped, as a long show would between songs. */
    @TearDown(Level.Iteration)
    public void unmap() {
        System.gc();
    }

    @TearDown(Level.Trial)
    public void clean() {
        store.close();
        scratch.close();
    }

    @Benchmark
    public void storeOpen(Blackhole bh) {
        StoredSession s = store.find(session.id()).orElseThrow();
        Snapshot snapshot = SnapshotCodec.decode(s.snapshot(), "session 'Encore'");
        for (AssetId id : snapshot.assets()) {
            MappedAsset asset = store.map(id).load();
            bh.consume(asset);
        }
        bh.consume(snapshot);
    }

    @Benchmark
    public void rawMmapLoad(Blackhole bh) throws IOException {
        for (Path file : files) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                mapped.load();
                bh.consume(mapped);
            }
        }
    }
}
