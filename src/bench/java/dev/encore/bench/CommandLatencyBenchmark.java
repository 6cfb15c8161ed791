package dev.encore.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
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
 * The promise "the controller answers at once": a command's round trip over loopback UDP to Encore
 * running as its own process ({@link EncoreProcess}), from sending the OSC message to receiving its
 * reply, for ping and for a durable save, against a bare UDP echo round trip in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
public class CommandLatencyBenchmark {
    /** Saves pressed closer together than this are coalesced by the engine (its default); saves here are spaced wider. */
    static final long SAVE_SPACING_MS = 250;
    private static final ByteBuffer PING = LoopbackClient.message("/encore/ping");
    private static final ByteBuffer SAVE = LoopbackClient.message("/encore/save");
    private static final String FADER = "/encore/param/mix/gain";

    private Scratch scratch;
    private LoopbackClient client;
    private Process encore;
    private SocketAddress server;
    private DatagramChannel echo;
    private Thread echoThread;
    private SocketAddress echoAddress;
    private float level;
    private long lastSaveDoneNanos;

    @Setup(Level.Trial)
    public void stage() throws IOException {
        scratch = new Scratch("command");
        client = new LoopbackClient();
        int port = EncoreProcess.freePort();
        encore = EncoreProcess.encore(scratch.resolve("data"), port, client.port(), scratch.resolve("encore.log"));
        server = new InetSocketAddress("127.0.0.1", port);
        if (!client.firstAnswer(server, PING, "/encore/ping", 20, 60_000)) {
            throw new IllegalStateException(EncoreProcess.describe() + " did not answer; see " + scratch.resolve("encore.log"));
        }
        client.command(server, LoopbackClient.message(FADER, 0.5f), FADER);
        client.command(server, SAVE, "/encore/save");
        echo = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        echoAddress = echo.getLocalAddress();
        echoThread = new Thread(this::echoLoop, "udp-echo");
        echoThread.setDaemon(true);
        echoThread.start();
        preallocateRaw();
    }

    private void echoLoop() {
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                b.clear();
                SocketAddress from = echo.receive(b);
                b.flip();
                echo.send(b, from);
            }
        } catch (ClosedChannelException done) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException, InterruptedException {
        echo.close();
        raw.close();
        echoThread.join(1_000);
        EncoreProcess.awaitRunning(scratch.resolve("encore.log"), 30_000);
        EncoreProcess.stop(encore);
        client.close();
        scratch.close();
    }

    @Benchmark
    public void udpEcho() throws IOException {
        client.echo(echoAddress, PING);
    }

    @Benchmark
    public void ping() throws IOException {
        client.command(server, PING, "/encore/ping");
    }

    /** Before each timed save (not timed): move a fader so the save commits, and leave the coalescing window. */
    @State(Scope.Thread)
    public static class ChangedSinceLastSave {
        @Setup(Level.Invocation)
        public void moveFader(CommandLatencyBenchmark b) throws IOException, InterruptedException {
            b.level = b.level < 1 ? b.level + 0.01f : 0;
            b.client.command(b.server, LoopbackClient.message(FADER, b.level), FADER);
            long waitMs = SAVE_SPACING_MS - (System.nanoTime() - b.lastSaveDoneNanos) / 1_000_000;
            if (waitMs > 0) {
                Thread.sleep(waitMs);
            }
        }
    }

    /** Before each timed baseline (not timed): the same quiet spell a save gets. */
    @State(Scope.Thread)
    public static class Quiet {
        @Setup(Level.Invocation)
        public void pause() throws InterruptedException {
            Thread.sleep(SAVE_SPACING_MS);
        }
    }

    /**
     * The floor of a save over OSC, timed as one: a ping round trip to the daemon, then a raw
     * append of a 4 KB record into a preallocated, forced file and one fdatasync.
     */
    @Benchmark
    public void pingThenRawAppend(Quiet quiet) throws IOException {
        client.command(server, PING, "/encore/ping");
        ByteBuffer record = RAW_RECORD.duplicate();
        if (rawAt + record.remaining() > RAW_BYTES) {
            rawAt = 0;
        }
        while (record.hasRemaining()) {
            rawAt += raw.write(record, rawAt);
        }
        raw.force(false);
    }

    private static final long RAW_BYTES = 16L << 20;
    private static final ByteBuffer RAW_RECORD = ByteBuffer.wrap(new byte[4096]);
    private java.nio.channels.FileChannel raw;
    private long rawAt;

    private void preallocateRaw() throws IOException {
        raw = java.nio.channels.FileChannel.open(scratch.resolve("raw.journal"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < RAW_BYTES; at += zeros.capacity()) {
            zeros.clear();
            raw.write(zeros, at);
        }
        raw.force(true);
    }

    @Benchmark
    public void save(ChangedSinceLastSave changed) throws IOException {
        client.command(server, SAVE, "/encore/save");
        lastSaveDoneNanos = System.nanoTime();
    }
}
