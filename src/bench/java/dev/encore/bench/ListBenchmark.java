package dev.encore.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.session.SnapshotCodec;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
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

/** Listing the setlist as a controller asks for it: 1,000 stored sessions against 10. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class ListBenchmark {
    @Param({"10", "1000"})
    public int sessions;

    private Scratch scratch;
    private SessionStore store;

    @Setup(Level.Trial)
    public void stage() {
        scratch = new Scratch("list");
        store = SessionStore.open(scratch.resolve("data"));
        fill(store, sessions);
    }

    @TearDown(Level.Trial)
    public void clean() {
        store.close();
        scratch.close();
    }

    @Benchmark
    public List<SessionSummary> list() {
        return store.list();
    }

    /** Stores {@code count} sessions of a show-sized snapshot with no audio. */
    static void fill(SessionStore store, int count) {
        ObjectNode doc = SnapshotCodec.encode(Performances.snapshot(List.of(), 0.5));
        for (int i = 0; i < count; i++) {
            store.create("Song " + (i + 1), doc, Set.of());
        }
    }
}
