package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the CPU part of a save (building the record, encoding it, framing it with its checksum and
 * applying it) on a scratch state, in the background, a little after the store opens. A performer
 * saves a few times an evening, a quarter of an hour apart: without this, every one of those
 * saves would run in the JVM's interpreter, since the code is never hot, and cost several times
 * the disk's own flush. Nothing here touches the journal, the state or the disk.
 */
final class SaveWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(SaveWarmup.class);
    /** Long enough to leave the start-up (map, OSC, MIDI) the CPU, short enough to finish before the first song. */
    static final long DELAY_MS = 1500;
    /** Enough rounds for the JIT to compile the save path fully on this code's measurements. */
    static final int ROUNDS = 3000;

    private SaveWarmup() {
    }

    /** Starts the warm-up on the shape of the session {@code catalog} most likely saves next, or a typical one. */
    static Thread startFor(Catalog catalog) {
        SessionContent shape = catalog.likelyNextSave();
        Map<AssetId, Long> sizes = shape == null ? Map.of() : catalog.recordedSizes(shape);
        return start(() -> shape == null ? typicalShape() : shape.snapshot(), sizes);
    }

    /**
     * Starts the warm-up on a low-priority daemon thread; {@code shape} gives a snapshot like the
     * ones this store saves, {@code audio} the asset ids and sizes such a save names.
     */
    static Thread start(java.util.function.Supplier<ObjectNode> shape, Map<AssetId, Long> audio) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MS);
                long started = System.nanoTime();
                run(shape.get(), audio, ROUNDS);
                LOG.debug("Save path warmed in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debug("Save path warm-up stopped: {}", e.toString());
            }
        }, "encore-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** {@code rounds} saves of {@code shape} naming {@code audio} into a scratch state; returns the bytes the records took. */
    static long run(ObjectNode shape, Map<AssetId, Long> audio, int rounds) {
        StoreState scratch = new StoreState();
        SessionId id = SessionId.random();
        Instant t0 = Instant.ofEpochMilli(0);
        ByteBuffer frame = ByteBuffer.allocate(0);
        long total = 0;
        for (int i = 1; i <= rounds; i++) {
            StoredSession s = new StoredSession(id, "warm-up", t0, t0.plusMillis(i), SessionStore.SCHEMA_VERSION, audio.keySet(), shape);
            ObjectNode r = RecordCodec.sessionRecord(s, new java.util.HashMap<>(audio));
            r.put("what", "save");
            r.put("rev", i);
            r.put("dropDraft", true);
            byte[] payload = RecordCodec.cbor(r);
            int bytes = SegmentScan.recordBytes(payload.length);
            if (frame.capacity() < bytes) {
                frame = ByteBuffer.allocate(bytes);
            }
            SegmentScan.encode(frame, i, RecordType.SESSION, payload);
            scratch.applySession(i, r, s);
            total += bytes;
        }
        return total;
    }

    /** A snapshot of the shape a show has when the store holds none yet: mixer parameters and a track. */
    static ObjectNode typicalShape() {
        ObjectNode snapshot = RecordCodec.JSON.createObjectNode();
        ObjectNode params = snapshot.putObject("params");
        for (int i = 0; i < 200; i++) {
            params.put("/mix/channel/" + i / 8 + "/fader/" + i % 8, i / 200.0);
        }
        snapshot.put("fixture", "warm-up");
        ObjectNode track = snapshot.putArray("tracks").addObject();
        track.put("id", "track-1").put("name", "song.wav").put("sampleRate", 48_000).put("frames", 11_520_000L);
        track.putObject("trim").put("start", 0.0).put("end", 240.0);
        snapshot.put("stems", "full");
        return snapshot;
    }
}
