package dev.encore.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.session.LiveState;
import dev.encore.session.ParamHandle;
import dev.encore.session.Snapshot;
import dev.encore.store.AssetId;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fader move from the host's audio thread: Encore's numeric parameter update (lock-free, no
 * allocation, the dirty signature kept incrementally) against a naive dirty check that serializes
 * the whole snapshot after every update and compares it with the saved bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LiveStateBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveState live;
    private ParamHandle fader;
    private byte[] savedJson;
    private double value;

    @Setup(Level.Trial)
    public void stage() throws JsonProcessingException {
        live = new LiveState();
        Snapshot show = Performances.snapshot(List.of(AssetId.of("0123456789abcdef0123456789abcdef")), 0);
        show.params().forEach((path, v) -> live.param(path).set(v.doubleValue()));
        show.tracks().forEach(live::addTrack);
        fader = live.param(Performances.path(0));
        savedJson = JSON.writeValueAsBytes(live.snapshot());
    }

    @Benchmark
    public long paramUpdate() {
        value = value < 1 ? value + 0.001 : 0;
        fader.set(value);
        return live.signature();
    }

    @Benchmark
    public boolean serializeSnapshotPerUpdate() throws JsonProcessingException {
        value = value < 1 ? value + 0.001 : 0;
        fader.set(value);
        return Arrays.equals(savedJson, JSON.writeValueAsBytes(live.snapshot()));
    }
}
