package dev.encore.bench;

import dev.encore.store.SessionStore;
import dev.encore.store.SessionId;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.util.List;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
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
 * The daemon is started both as {@code java} with the classpath (no start-up archive) and through
 * {@code bin/encore}, whose start-up archive is made once, untimed, before the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
public class StartupBenchmark {
    static final int SESSIONS = 1_000;
    /** Saves in the journal in all: every session saved ten times. */
    static final int REVISIONS = 10_000;
    private static final ByteBuffer PING = LoopbackClient.message("/encore/ping");

    private Scratch scratch;
    private LoopbackClient client;
    private Process running;
    private int port;
    private Path log;
    private Path cache;

    @Setup(Level.Trial)
    public void stage() throws IOException {
        scratch = new Scratch("startup");
        try (SessionStore store = SessionStore.open(scratch.resolve("data"))) {
            ListBenchmark.fill(store, SESSIONS);
            List<SessionId> ids = store.setlist();
            for (int i = SESSIONS; i < REVISIONS; i++) {
                SessionId id = ids.get(i % ids.size());
                StoredSession s = store.find(id).orElseThrow();
                store.update(id, s.snapshot(), s.assets());
            }
        }
        client = new LoopbackClient();
        cache = scratch.resolve("cache");
        Path made = scratch.resolve("archive.log");
        try {
            if (EncoreProcess.launcher(cache, made, "--version").waitFor() != 0) {
                throw new IllegalStateException("bin/encore --version failed; see " + made);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (var files = Files.list(cache)) {
            if (files.noneMatch(f -> f.toString().endsWith(".jsa"))) {
                throw new IllegalStateException("bin/encore made no start-up archive in " + cache + ": " + Files.readString(made));
            }
        }
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

    /**
     * Untimed before each start after a crash: Encore runs, takes ten saves (so the journal has a
     * tail the index image does not hold), and is killed with SIGKILL.
     */
    @State(Scope.Thread)
    public static class AfterKill {
        @Setup(Level.Invocation)
        public void crash(StartupBenchmark b) throws IOException, InterruptedException {
            Path crashLog = b.scratch.resolve("crash.log");
            Process p = EncoreProcess.encore(b.scratch.resolve("data"), b.port, b.client.port(), crashLog);
            EncoreProcess.awaitRunning(crashLog, 30_000);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", b.port);
            for (int i = 0; i < 10; i++) {
                b.client.command(server, LoopbackClient.message("/encore/param/mix/gain", i / 10f), "/encore/param/mix/gain");
                b.client.command(server, LoopbackClient.message("/encore/save"), "/encore/save");
            }
            p.destroyForcibly().waitFor();
        }
    }

    /** Start-up after kill -9: the journal's tail is replayed on top of the last index image. */
    @Benchmark
    public void encoreAfterKill(AfterKill crashed) throws IOException {
        log = scratch.resolve("encore.log");
        running = EncoreProcess.encore(scratch.resolve("data"), port, client.port(), log);
        awaitAnswer("Encore after a kill");
    }

    /** As README starts it: {@code bin/encore}, with the start-up archive it made before the trial. */
    @Benchmark
    public void encoreThroughLauncher() throws IOException {
        log = scratch.resolve("encore.log");
        running = EncoreProcess.launcherDaemon(cache, scratch.resolve("data"), port, client.port(), log);
        awaitAnswer("Encore through bin/encore");
    }

    @Benchmark
    public void encoreThroughLauncherAfterKill(AfterKill crashed) throws IOException {
        log = scratch.resolve("encore.log");
        running = EncoreProcess.launcherDaemon(cache, scratch.resolve("data"), port, client.port(), log);
        awaitAnswer("Encore through bin/encore after a kill");
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
