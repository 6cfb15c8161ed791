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
 * The promise "the controller answers at once": a command's round trip over loopback UDP, from
 * sending the OSC message to receiving its reply, for ping and for a durable save, against a bare
 * UDP echo round trip measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
public class CommandLatencyBenchmark {
    private static final ByteBuffer PING = LoopbackClient.message("/encore/ping");
    private static final ByteBuffer SAVE = LoopbackClient.message("/encore/save");

    private Scratch scratch;
    private LoopbackClient client;
    private EngineOnOsc encore;
    private SocketAddress server;
    private DatagramChannel echo;
    private Thread echoThread;
    private SocketAddress echoAddress;
    private double level;

    @Setup(Level.Trial)
    public void stage() throws IOException {
        scratch = new Scratch("command");
        client = new LoopbackClient();
        encore = new EngineOnOsc(scratch.resolve("data"), 0, client.port());
        server = new InetSocketAddress("127.0.0.1", encore.port());
        encore.engine().live().param("/mix/gain").set(0.5);
        client.command(server, SAVE, "/encore/save");
        echo = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        echoAddress = echo.getLocalAddress();
        echoThread = new Thread(this::echoLoop, "udp-echo");
        echoThread.setDaemon(true);
        echoThread.start();
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
        echoThread.join(1_000);
        encore.close();
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

    /** A fader moved since the last save, so each save is a real durable commit. */
    @Benchmark
    public void save() throws IOException {
        level = level < 1 ? level + 0.01 : 0;
        encore.engine().live().param("/mix/gain").set(level);
        client.command(server, SAVE, "/encore/save");
    }
}
