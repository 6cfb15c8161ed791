package dev.encore.control.osc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One TCP controller connection: its stream framing, and the replies and pushes queued for it. The
 * IO thread queues, the TCP thread writes; a client that stops reading is closed rather than let
 * its backlog grow past {@value #MAX_BACKLOG_BYTES} bytes.
 */
final class TcpClient implements Peer {
    static final int MAX_BACKLOG_BYTES = 1 << 20;

    final SocketChannel channel;
    final FrameCodec framing;
    private final InetSocketAddress remote;
    private final Consumer<TcpClient> wantsWrite;
    private final Queue<ByteBuffer> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean pushes = true;
    private volatile String closeReason;
    /** When this connection last completed a frame (or connected), from System.nanoTime; TCP thread only. */
    long lastFrameNanos = System.nanoTime();
    /** When the frame being received started arriving, or 0 when none is; TCP thread only. */
    long partialSinceNanos;
    /** Whether a complete frame ever arrived; a connection that never sent one is the first to make room. */
    boolean sentFrame;

    TcpClient(SocketChannel channel, InetSocketAddress remote, FrameCodec framing, Consumer<TcpClient> wantsWrite) {
        this.channel = channel;
        this.remote = remote;
        this.framing = framing;
        this.wantsWrite = wantsWrite;
    }

    @Override
    public String origin() {
        return "osc-tcp:" + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    @Override
    public InetAddress address() {
        return remote.getAddress();
    }

    /** Whether pushes and heartbeats go to this connection ({@code /encore/unsubscribe} turns them off). */
    boolean wantsPushes() {
        return pushes && closeReason == null;
    }

    void wantPushes(boolean on) {
        pushes = on;
    }

    /** Queues one packet, framed; called on the IO thread. */
    void send(byte[] packet) {
        if (closeReason != null) {
            return;
        }
        byte[] frame = framing.encode(packet);
        if (queuedBytes.addAndGet(frame.length) > MAX_BACKLOG_BYTES) {
            closeReason = "it stopped reading (over " + MAX_BACKLOG_BYTES + " bytes waiting)";
        } else {
            outbound.add(ByteBuffer.wrap(frame));
        }
        wantsWrite.accept(this);
    }

    /** Marks the connection closed (by the TCP thread), so nothing more is queued for it. */
    void closed(String why) {
        if (closeReason == null) {
            closeReason = why;
        }
    }

    /** Why this connection must close or was closed, or null while it is open. */
    String closeReason() {
        return closeReason;
    }

    /** Writes what it can without blocking; true when nothing is left. Called on the TCP thread. */
    boolean flush() throws IOException {
        ByteBuffer head;
        while ((head = outbound.peek()) != null) {
            channel.write(head);
            if (head.hasRemaining()) {
                return false;
            }
            outbound.poll();
            queuedBytes.addAndGet(-head.capacity());
        }
        return true;
    }

    @Override
    public String toString() {
        return origin();
    }
}
