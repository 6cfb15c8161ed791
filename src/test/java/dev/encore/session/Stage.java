package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.testing.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A running engine on a real store in a temp folder, with a manual clock, a recording feedback sink
 * and a small host that remembers what it was asked to restore: the test fixture every engine test
 * stands on.
 */
final class Stage implements AutoCloseable {
    final Path dir;
    final ManualClock clock = new ManualClock();
    final RecordingSink sink = new RecordingSink();
    final List<Snapshot> restored = new ArrayList<>();
    final List<Map<AssetId, MappedAsset>> restoredAudio = new ArrayList<>();
    final SessionEngine engine;
    /** Runs inside the host's restore callback, on the engine thread; a test may block or throw here. */
    volatile Runnable duringRestore = () -> { };

    Stage(Path dir, EngineSettings settings) {
        this(dir, settings, b -> b);
    }

    /** A stage whose builder is further configured by {@code audio} (media folders, stem extractor). */
    Stage(Path dir, EngineSettings settings, UnaryOperator<EngineBuilder> audio) {
        this.dir = dir;
        this.engine = audio.apply(SessionEngine.builder(dir)).settings(settings).clock(clock).feedback(sink)
                .onRestore((snapshot, buffers) -> {
                    duringRestore.run();
                    restored.add(snapshot);
                    restoredAudio.add(buffers);
                }).start();
    }

    Stage(Path dir) {
        this(dir, EngineSettings.DEFAULTS);
    }

    LiveState live() {
        return engine.live();
    }

    Result run(Action action) {
        try {
            Result r = engine.submit(action).get(10, TimeUnit.SECONDS);
            engine.settle().get(10, TimeUnit.SECONDS);
            return r;
        } catch (Exception e) {
            throw new AssertionError("no result for " + action, e);
        }
    }

    Result.Ok ok(Action action) {
        Result r = run(action);
        assertTrue(r.ok(), () -> action + " failed: " + r);
        return (Result.Ok) r;
    }

    /** Runs a query that must succeed with the answer of its own type. */
    <T extends Result.Ok> T answer(Action action, Class<T> type) {
        Result r = ok(action);
        assertTrue(type.isInstance(r), () -> action + " answered " + r + ", not a " + type.getSimpleName());
        return type.cast(r);
    }

    void fails(Action action, Reason reason) {
        Result r = run(action);
        assertEquals(reason, r instanceof Result.Error e ? e.reason() : null, () -> action + " gave " + r);
    }

    /** Lets the engine look at the live state again after {@code ms} of quiet. */
    void pass(long ms) {
        clock.advance(ms);
        settle();
    }

    void settle() {
        try {
            engine.settle().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("engine did not settle", e);
        }
    }

    /** Creates a saved session holding gain = value, and leaves it active. */
    void session(String name, double gain) {
        live().param("/gain").set(gain);
        if (engine.store().bookkeeping().active().isPresent()) {
            ok(new Action.SaveCopy(name));
        } else {
            ok(new Action.Save(name));
        }
        clock.advance(EngineSettings.SAVE_COALESCE_MS);
    }

    /** A track whose PCM (and a vocals stem) are real blobs in the store. */
    Track track(String id, int frames) {
        java.nio.ByteBuffer pcm = java.nio.ByteBuffer.allocate(frames * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putFloat((float) Math.sin(i * 0.01 + id.hashCode()));
        }
        AssetId pcmId = engine.store().blobs().put(pcm.array());
        byte[] vocals = java.util.Arrays.copyOf(pcm.array(), pcm.capacity() / 2);
        AssetId vocalsId = engine.store().blobs().put(vocals);
        return new Track(id, null, pcmId, Map.of("vocals", vocalsId), new Trim(0, 0.001), id + ".wav", 48_000, 1,
                frames, false);
    }

    /**
     * Lets the engine run until {@code condition} holds, for work finishing on the audio workers,
     * then until the feedback it caused has been delivered; fails after 20 s.
     */
    void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            settle();
            if (condition.getAsBoolean()) {
                settle();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    String activeName() {
        return engine.store().bookkeeping().active().flatMap(engine.store()::find).map(s -> s.name()).orElse(null);
    }

    double gain() {
        return live().param("/gain").get();
    }

    @Override
    public void close() {
        engine.close();
    }
}
