package dev.encore.bench;

import dev.encore.store.SessionStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * Start-up as the performer sees it: from launching the JVM to the first answered ping, with 1,000
 * sessions stored, against a bare JVM that only binds a UDP port and answers, timed in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
public class StartupBenchmark {
    static final int SESSIONS = 1_000;
    private static final ByteBuffer PING = LoopbackClient.message("/encore/ping");

    private Scratch scratch;
    private LoopbackClient client;
    private Process running;
    private int port;
    private Path log;

    @Setup(Level.Trial)
    public void stage() throws IOException {
        scratch = new Scratch("startup");
        try (SessionStore store = SessionStore.open(scratch.resolve("data"))) {
            ListBenchmark.fill(store, SESSIONS);
        }
        client = new LoopbackClient();
    }

    @Setup(Level.Invocation)
    public void pickPort() throws IOException {
        port = EncoreProcess.freePort();
    }

    /** Untimed: once it says it is running (so it closes its store cleanly), stop it; the next start finds a clean store. */
    @TearDown(Level.Invocation)
    public void stop() throws IOException, InterruptedException {
        if (log != null) {
            EncoreProcess.awaitRunning(log, 30_000);
        }
        EncoreProcess.stop(running);
        log = null;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        client.close();
        scratch.close();
    }

    @Benchmark
    public void encore() throws IOException {
        log = scratch.resolve("encore.log");
        running = EncoreProcess.encore(scratch.resolve("data"), port, client.port(), log);
        awaitAnswer("Encore");
    }

    @Benchmark
    public void bareJvmUdp() throws IOException {
        running = EncoreProcess.bareUdp(port, scratch.resolve("bare.log"));
        awaitAnswer("The bare UDP JVM");
    }

    private void awaitAnswer(String what) throws IOException {
        if (!client.firstAnswer(new InetSocketAddress("127.0.0.1", port), PING, "/encore/ping", 2, 30_000)) {
            throw new IllegalStateException(what + " did not answer within 30 s; see the logs in " + scratch.dir());
        }
    }
}
