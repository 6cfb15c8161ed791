package dev.encore.control.osc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one IO thread that encodes and sends every reply, push and heartbeat, so listener threads
 * never wait on the network and messages leave in the order they were queued. It also runs the
 * transport's timers (heartbeat, bundles with a future time tag).
 */
final class Outbox {
    private final ScheduledThreadPoolExecutor io;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final OscCodec codec = new OscCodec();
    private final DatagramChannel udp;
    private final LogThrottle throttle;

    Outbox(DatagramChannel udp, LogThrottle throttle, String threadName) {
        this.udp = udp;
        this.throttle = throttle;
        this.io = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        io.setRemoveOnCancelPolicy(true);
        io.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void toUdp(List<InetSocketAddress> targets, OscPacket.Message message) {
        execute(() -> {
            byte[] bytes = encode(message);
            if (bytes != null) {
                targets.forEach(target -> sendUdp(target, bytes));
            }
        });
    }

    void toTcp(TcpClient client, OscPacket.Message message) {
        execute(() -> {
            byte[] bytes = encode(message);
            if (bytes != null) {
                client.send(bytes);
            }
        });
    }

    /** Sends to every target, as they were when the message was queued. */
    void toAll(List<InetSocketAddress> udpTargets, List<TcpClient> tcpClients, OscPacket.Message message) {
        execute(() -> {
            byte[] bytes = encode(message);
            if (bytes != null) {
                udpTargets.forEach(target -> sendUdp(target, bytes));
                tcpClients.forEach(client -> client.send(bytes));
            }
        });
    }

    void execute(Runnable task) {
        try {
            io.execute(guarded(task));
        } catch (RejectedExecutionException stopped) {
            // The server is stopping: nothing more is sent.
        }
    }

    void schedule(Runnable task, Duration delay) {
        try {
            io.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // The server is stopping: the task would send into a closed channel.
        }
    }

    void every(Duration interval, Runnable task) {
        io.scheduleAtFixedRate(guarded(task), interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits, at most {@code timeout}, until everything queued before this call has been sent. */
    void flush(Duration timeout) throws InterruptedException {
        try {
            io.submit(() -> { }).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException stopped) {
            // Stopped or stuck: stop() goes on without what is still queued.
        }
    }

    void stop() throws InterruptedException {
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
        // Terminated means every task is done; the thread itself may still be on its way out.
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.join(1_000);
            }
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                throttle.warn("io", "OSC send task failed: {}", e.toString());
            }
        };
    }

    private byte[] encode(OscPacket.Message message) {
        try {
            return codec.encode(message);
        } catch (IllegalArgumentException e) {
            throttle.warn("encode", "OSC message not sent: {}", e.getMessage());
            return null;
        }
    }

    private void sendUdp(InetSocketAddress target, byte[] bytes) {
        try {
            udp.send(ByteBuffer.wrap(bytes), target);
        } catch (ClosedChannelException stopping) {
            // The server is stopping; what was still queued is not sent.
        } catch (IOException e) {
            throttle.warn("udp-send", "Could not send OSC to {}: {}", target, e.toString());
        }
    }
}
