package dev.encore.bench;

import com.google.common.hash.Hashing;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import dev.encore.store.Disk;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
 * What naming a blob by its content costs: hashing a 16 MiB blob already in the page cache with the
 * store's own streaming MurmurHash3 (its pre-show check), with Guava's murmur3_128 (same ids, what
 * the store used before), and with JDK CRC32C (an intrinsic, too short for content names) as a
 * speed reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ContentHashBenchmark {
    static final int HASH_MIB = 16;

    private Scratch scratch;
    private BlobStore blobs;
    private AssetId asset;

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("hash");
        blobs = BlobStore.open(scratch.resolve("blobs"), Disk.local());
        ByteBuffer audio = ByteBuffer.allocateDirect(HASH_MIB * StageAudio.MIB);
        StageAudio.fill(audio, 11);
        audio.clear();
        try (BlobWriter w = blobs.newWriter()) {
            asset = w.write(audio).commit();
        }
    }

    @TearDown(Level.Trial)
    public void clean() {
        scratch.close();
    }

    /** The store's own hash: the pre-show check of one blob (mapped, every byte hashed and compared). */
    @Benchmark
    public void storeContentHash() {
        blobs.verify(asset);
    }

    @Benchmark
    public String guavaMurmur3() {
        return Hashing.murmur3_128().newHasher().putBytes(blobs.map(asset, -1).bytes()).hash().toString();
    }

    @Benchmark
    public long crc32c() {
        CRC32C crc = new CRC32C();
        crc.update(blobs.map(asset, -1).bytes());
        return crc.getValue();
    }
}
