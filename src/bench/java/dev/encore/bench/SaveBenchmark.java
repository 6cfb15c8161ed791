package dev.encore.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.session.Snapshot;
import dev.encore.session.SnapshotCodec;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The promise "a save is instant whatever the audio": a metadata save of a session holding 0, 100
 * and 700 MB of audio, against the design Encore replaced, where every save rewrote the audio into
 * the session record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
public class SaveBenchmark {
    static final long QUIET_MS = 250;

    @Param({"0", "100", "700"})
    public int audioMib;

    private Scratch scratch;
    private SessionStore store;
    private StoredSession session;
    private final List<ObjectNode> documents = new ArrayList<>();
    private Set<AssetId> assets;
    private Path legacyRecord;
    private FileChannel rawJournal;
    private final List<ByteBuffer> rawRecords = new ArrayList<>();
    private long rawAt;
    private int saves;

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("save");
        store = SessionStore.open(scratch.resolve("data"));
        List<AssetId> audio = StageAudio.write(store.blobs(), audioMib, audioMib + 1);
        assets = new HashSet<>(audio);
        for (int i = 0; i < 2; i++) {
            Snapshot s = Performances.snapshot(audio, i);
            documents.add(SnapshotCodec.encode(s));
        }
        session = store.create("Opener", documents.get(0), assets);
        store.warmUpSaves(); // as the daemon does once it listens
        legacyRecord = scratch.resolve("legacy-record.bin");
        try {
            // The floor a save can reach: the same record bytes (a session record's CBOR, padded as the
            // journal pads it) appended into a preallocated, already forced file, then fdatasync.
            rawJournal = FileChannel.open(scratch.resolve("raw.journal"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < RAW_BYTES; at += zeros.capacity()) {
                zeros.clear();
                rawJournal.write(zeros, at);
            }
            rawJournal.force(true);
            for (ObjectNode doc : documents) {
                ObjectNode record = CBOR.createObjectNode();
                record.put("id", session.id().value()).put("name", "Opener").put("what", "save");
                assets.forEach(a -> record.withArray("assets").add(a.hex()));
                record.set("snapshot", doc);
                byte[] bytes = CBOR.writeValueAsBytes(record);
                rawRecords.add(ByteBuffer.wrap(new byte[(17 + bytes.length + 7) & -8]));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final long RAW_BYTES = 64L << 20;
    private static final com.fasterxml.jackson.databind.ObjectMapper CBOR = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper();

    /** The baseline of the isolated save: one raw append of the same bytes and one fdatasync, after the same quiet. */
    @Benchmark
    @Warmup(iterations = 4, time = 1)
    public long rawAppendAfterQuiet(Quiet quiet) throws IOException {
        ByteBuffer record = rawRecords.get(saves++ & 1).duplicate();
        if (rawAt + record.remaining() > RAW_BYTES) {
            rawAt = 0;
        }
        long at = rawAt;
        while (record.hasRemaining()) {
            at += rawJournal.write(record, at);
        }
        rawJournal.force(false);
        rawAt = at;
        return at;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        rawJournal.close();
        store.close();
        scratch.close();
    }

    /** Encore's save: one small durable commit of metadata and asset ids, saves back to back. */
    @Benchmark
    public StoredSession metadataSave() {
        return store.update(session.id(), documents.get(saves++ & 1), assets);
    }

    /**
     * Before each timed save (untimed): {@link #QUIET_MS} of quiet, as between a performer's presses.
     * A flush after a quiet spell costs this machine's disk several times what one right after
     * another costs, so this is the save a performer actually waits for.
     */
    @State(Scope.Thread)
    public static class Quiet {
        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Thread.sleep(QUIET_MS);
        }
    }

    /** The same save after a quiet spell; the warm-up iterations cover the store's own warm-up after opening. */
    @Benchmark
    @Warmup(iterations = 4, time = 1)
    public StoredSession isolatedMetadataSave(Quiet quiet) {
        return store.update(session.id(), documents.get(saves++ & 1), assets);
    }

    /**
     * The first browser implementation's save: the record holds the snapshot and a copy of every
     * byte of its audio, so the whole record is written again and forced to disk on each save.
     */
    @Benchmark
    public long recordWithAudioSave() throws IOException {
        Path temp = legacyRecord.resolveSibling("legacy-record.tmp");
        long written = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            written += writeAll(out, ByteBuffer.wrap(documents.get(saves++ & 1).toString().getBytes(StandardCharsets.UTF_8)));
            for (AssetId id : assets) {
                written += writeAll(out, store.map(id).bytes());
            }
            out.force(true);
        }
        Files.move(temp, legacyRecord, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return written;
    }

    private static long writeAll(FileChannel out, ByteBuffer src) throws IOException {
        long n = src.remaining();
        while (src.hasRemaining()) {
            out.write(src);
        }
        return n;
    }
}
