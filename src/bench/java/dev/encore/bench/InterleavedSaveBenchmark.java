package dev.encore.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.session.SnapshotCodec;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * "Within 1.2x of the same save with no audio", measured so that disk noise from other work hits
 * every case alike: three stores (0, 100 and 700 MB of audio) saved in turn, round after round, in
 * one process, each save timed on its own. The figures are the mean save time per store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
public class InterleavedSaveBenchmark {
    static final int[] AUDIO_MIB = {0, 100, 700};

    private Scratch scratch;
    private final SessionStore[] stores = new SessionStore[AUDIO_MIB.length];
    private final StoredSession[] sessions = new StoredSession[AUDIO_MIB.length];
    private final ObjectNode[][] documents = new ObjectNode[AUDIO_MIB.length][2];
    private final List<Set<AssetId>> assets = new ArrayList<>();
    private int round;

    /** Nanoseconds spent saving each store in this iteration, and how many rounds ran. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class SaveNanos {
        public long noAudio;
        public long audio100Mib;
        public long audio700Mib;
        public long rounds;

        @Setup(Level.Iteration)
        public void reset() {
            noAudio = 0;
            audio100Mib = 0;
            audio700Mib = 0;
            rounds = 0;
        }
    }

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("interleaved-save");
        for (int i = 0; i < AUDIO_MIB.length; i++) {
            stores[i] = SessionStore.open(scratch.resolve("data-" + AUDIO_MIB[i]));
            List<AssetId> audio = StageAudio.write(stores[i].blobs(), AUDIO_MIB[i], 100 + i);
            assets.add(new HashSet<>(audio));
            documents[i][0] = SnapshotCodec.encode(Performances.snapshot(audio, 0));
            documents[i][1] = SnapshotCodec.encode(Performances.snapshot(audio, 1));
            sessions[i] = stores[i].create("Opener", documents[i][0], assets.get(i));
        }
    }

    @TearDown(Level.Trial)
    public void clean() {
        for (SessionStore s : stores) {
            s.close();
        }
        scratch.close();
    }

    /** One save of each store, starting with a different one each round. */
    @Benchmark
    public void saveEach(SaveNanos nanos) {
        int first = round % AUDIO_MIB.length;
        for (int k = 0; k < AUDIO_MIB.length; k++) {
            int i = (first + k) % AUDIO_MIB.length;
            long start = System.nanoTime();
            stores[i].update(sessions[i].id(), documents[i][round & 1], assets.get(i));
            long took = System.nanoTime() - start;
            switch (i) {
                case 0 -> nanos.noAudio += took;
                case 1 -> nanos.audio100Mib += took;
                default -> nanos.audio700Mib += took;
            }
        }
        nanos.rounds++;
        round++;
    }
}
