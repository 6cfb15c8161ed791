package dev.encore.bench;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * The first write of new audio (an import's PCM): Encore's blob writer, which hashes while it
 * streams, forces, renames to the hash and syncs the folder, against a raw FileChannel write and
 * force of the same bytes, the two taking turns in one process so that disk noise hits both alike.
 * Each write is of new content, so nothing is deduplicated away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 6, time = 3)
public class AudioWriteBenchmark {
    static final int WRITE_MIB = 64;

    private Scratch scratch;
    private BlobStore blobs;
    private ByteBuffer audio;
    private Path rawFile;
    private long generation;

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("write");
        blobs = BlobStore.open(scratch.resolve("blobs"), Disk.local());
        audio = ByteBuffer.allocateDirect(WRITE_MIB * StageAudio.MIB);
        StageAudio.fill(audio, 7);
        rawFile = scratch.resolve("raw.pcm");
    }

    /** Nanoseconds spent in each kind of write in this iteration, and how many rounds ran. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class WriteNanos {
        public long blobWriter;
        public long rawFileChannel;
        public long rounds;

        @Setup(Level.Iteration)
        public void reset() {
            blobWriter = 0;
            rawFileChannel = 0;
            rounds = 0;
        }
    }

    @TearDown(Level.Trial)
    public void clean() {
        scratch.close();
    }

    /** One write of each kind, of new content each time, alternating which goes first; files are deleted untimed. */
    @Benchmark
    public void writeBoth(WriteNanos nanos) throws IOException {
        boolean blobFirst = (generation & 1) == 0;
        for (int k = 0; k < 2; k++) {
            audio.putLong(0, ++generation);
            long start = System.nanoTime();
            Path file = (k == 0) == blobFirst ? blobWriter() : rawFileChannel();
            long took = System.nanoTime() - start;
            if ((k == 0) == blobFirst) {
                nanos.blobWriter += took;
            } else {
                nanos.rawFileChannel += took;
            }
            Files.delete(file);
        }
        nanos.rounds++;
    }

    private Path blobWriter() {
        AssetId id;
        try (BlobWriter w = blobs.newWriter()) {
            for (int offset = 0; offset < audio.capacity(); offset += StageAudio.MIB) {
                w.write(audio.slice(offset, StageAudio.MIB));
            }
            id = w.commit();
        }
        return scratch.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
    }

    private Path rawFileChannel() throws IOException {
        try (FileChannel out = FileChannel.open(rawFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int offset = 0; offset < audio.capacity(); offset += StageAudio.MIB) {
                ByteBuffer slice = audio.slice(offset, StageAudio.MIB);
                while (slice.hasRemaining()) {
                    out.write(slice);
                }
            }
            out.force(true);
        }
        return rawFile;
    }
}
