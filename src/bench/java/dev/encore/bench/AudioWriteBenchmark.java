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
 * force of the same bytes. Each write is of new content, so nothing is deduplicated away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class AudioWriteBenchmark {
    static final int WRITE_MIB = 64;

    private Scratch scratch;
    private BlobStore blobs;
    private ByteBuffer audio;
    private Path rawFile;
    private Path written;
    private long generation;

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("write");
        blobs = BlobStore.open(scratch.resolve("blobs"), Disk.local());
        audio = ByteBuffer.allocateDirect(WRITE_MIB * StageAudio.MIB);
        StageAudio.fill(audio, 7);
        rawFile = scratch.resolve("raw.pcm");
    }

    @Setup(Level.Invocation)
    public void freshContent() {
        audio.putLong(0, ++generation);
    }

    @TearDown(Level.Invocation)
    public void removeWritten() throws IOException {
        if (written != null) {
            Files.deleteIfExists(written);
            written = null;
        }
    }

    @TearDown(Level.Trial)
    public void clean() {
        scratch.close();
    }

    @Benchmark
    public AssetId blobWriter() {
        AssetId id;
        try (BlobWriter w = blobs.newWriter()) {
            for (int offset = 0; offset < audio.capacity(); offset += StageAudio.MIB) {
                w.write(audio.slice(offset, StageAudio.MIB));
            }
            id = w.commit();
        }
        written = scratch.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
        return id;
    }

    @Benchmark
    public long rawFileChannel() throws IOException {
        long n = 0;
        try (FileChannel out = FileChannel.open(rawFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int offset = 0; offset < audio.capacity(); offset += StageAudio.MIB) {
                ByteBuffer slice = audio.slice(offset, StageAudio.MIB);
                while (slice.hasRemaining()) {
                    n += out.write(slice);
                }
            }
            out.force(true);
        }
        written = rawFile;
        return n;
    }
}
