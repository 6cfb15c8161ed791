package dev.encore.control.osc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP thread: one selector that accepts controllers, reads and unframes their packets and
 * writes what the IO thread queued for them. A bad frame, an undecodable packet or a client that
 * stops reading closes that connection only. The number of connections is bounded, in all and per
 * address, without letting idle sockets lock a real controller out: a connection that sends nothing
 * after connecting, or stops half-way through a frame, is closed after the idle timeout, and when
 * every slot is taken the connection idle the longest makes room for the new one.
 */
final class TcpConnections implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnections.class);
    /** How often idle connections are looked for. */
    private static final long SWEEP_MS = 250;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final OscConfig config;
    private final CommandIntake intake;
    private final LogThrottle throttle;
    private final OscCodec codec = new OscCodec();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
    private final List<TcpClient> clients = new CopyOnWriteArrayList<>();
    private final Queue<TcpClient> writable = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    TcpConnections(ServerSocketChannel server, OscConfig config, CommandIntake intake, LogThrottle throttle)
            throws IOException {
        this.server = server;
        this.config = config;
        this.intake = intake;
        this.throttle = throttle;
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Connections that want pushes and heartbeats. */
    List<TcpClient> pushClients() {
        List<TcpClient> out = new ArrayList<>();
        for (TcpClient client : clients) {
            if (client.wantsPushes()) {
                out.add(client);
            }
        }
        return out;
    }

    int clientCount() {
        return clients.size();
    }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                selector.select(SWEEP_MS);
                flushQueued();
                closeIdle(System.nanoTime());
                for (SelectionKey key : selector.selectedKeys()) {
                    serve(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("OSC TCP listener stopped", e);
        } finally {
            for (TcpClient client : clients) {
                close(client, null);
            }
            closeQuietly(server);
            closeQuietly(selector);
        }
    }

    private void flushQueued() {
        TcpClient client;
        while ((client = writable.poll()) != null) {
            SelectionKey key = client.channel.keyFor(selector);
            if (key != null && key.isValid()) {
                serve(key, SelectionKey.OP_WRITE);
            }
        }
    }

    private void serve(SelectionKey key) {
        if (key.isValid()) {
            serve(key, key.readyOps());
        }
    }

    private void serve(SelectionKey key, int ops) {
        TcpClient client = (TcpClient) key.attachment();
        try {
            if ((ops & SelectionKey.OP_ACCEPT) != 0) {
                accept();
                return;
            }
            if ((ops & SelectionKey.OP_READ) != 0) {
                read(client);
            }
            if (client.channel.isOpen() && (ops & SelectionKey.OP_WRITE) != 0) {
                if (client.closeReason() != null) {
                    close(client, client.closeReason());
                } else {
                    boolean drained = client.flush();
                    key.interestOps(drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
        } catch (ProtocolException e) {
            close(client, "bad frame: " + e.getMessage());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            if (client != null) {
                close(client, e.toString());
            } else {
                throttle.warn("tcp-accept", "OSC TCP accept failed: {}", e.toString());
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        if (!config.allow().allows(remote.getAddress())) {
            throttle.once("denied " + remote.getAddress().getHostAddress(),
                    "Refused OSC TCP connection from {}: not in the allow list {}", remote.getAddress(), config.allow());
            closeQuietly(channel);
            return;
        }
        long sameAddress = clients.stream().filter(c -> c.address().equals(remote.getAddress())).count();
        if (sameAddress >= config.maxTcpClientsPerAddress()) {
            makeRoom(remote, true);
        } else if (clients.size() >= config.maxTcpClients()) {
            makeRoom(remote, false);
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TcpClient client = new TcpClient(channel, remote,
                FrameCodec.of(config.tcpFraming(), config.maxPacketBytes()), this::wantsWrite);
        channel.register(selector, SelectionKey.OP_READ, client);
        clients.add(client);
        LOG.info("OSC TCP client {} connected ({} framing)", client, config.tcpFraming());
    }

    /** Closes the connection idle the longest (one that never sent a frame first), from the same address when {@code sameAddress}. */
    private void makeRoom(InetSocketAddress newcomer, boolean sameAddress) {
        TcpClient idlest = null;
        for (TcpClient c : clients) {
            if (sameAddress && !c.address().equals(newcomer.getAddress())) {
                continue;
            }
            if (idlest == null || (c.sentFrame == idlest.sentFrame ? c.lastFrameNanos < idlest.lastFrameNanos : !c.sentFrame)) {
                idlest = c;
            }
        }
        if (idlest != null) {
            close(idlest, "it was idle the longest and " + newcomer + " needed its slot ("
                    + (sameAddress ? config.maxTcpClientsPerAddress() + " per address" : config.maxTcpClients() + " in all") + ")");
        }
    }

    /** Closes connections that sent nothing since they connected, or hold half a frame, for longer than the idle timeout. */
    private void closeIdle(long now) {
        long timeout = config.tcpIdleTimeout().toNanos();
        for (TcpClient c : clients) {
            if (c.partialSinceNanos != 0 && now - c.partialSinceNanos > timeout) {
                close(c, "half a frame arrived and its end did not within " + config.tcpIdleTimeout().toSeconds() + " s");
            } else if (!c.sentFrame && now - c.lastFrameNanos > timeout) {
                close(c, "it sent nothing within " + config.tcpIdleTimeout().toSeconds() + " s of connecting");
            }
        }
    }

    private void read(TcpClient client) throws IOException {
        readBuffer.clear();
        int n = client.channel.read(readBuffer);
        if (n < 0) {
            close(client, null);
            return;
        }
        readBuffer.flip();
        List<byte[]> frames = new ArrayList<>();
        client.framing.decode(readBuffer, frames::add);
        long now = System.nanoTime();
        if (!frames.isEmpty()) {
            client.sentFrame = true;
            client.lastFrameNanos = now;
        }
        if (!client.framing.holdsPartialFrame()) {
            client.partialSinceNanos = 0;
        } else if (client.partialSinceNanos == 0 || !frames.isEmpty()) {
            client.partialSinceNanos = now;
        }
        for (byte[] frame : frames) {
            OscPacket packet;
            try {
                packet = codec.decode(ByteBuffer.wrap(frame));
            } catch (OscCodec.RefusedMessage e) {
                // The frame was whole, only its content is wrong: answer it and keep the connection.
                intake.refuse(client, e.address(), e.getMessage());
                continue;
            }
            intake.accept(client, packet);
        }
    }

    private void wantsWrite(TcpClient client) {
        writable.add(client);
        selector.wakeup();
    }

    private void close(TcpClient client, String problem) {
        if (!clients.remove(client)) {
            return;
        }
        client.closed(problem == null ? "disconnected" : problem);
        closeQuietly(client.channel);
        if (problem == null) {
            LOG.info("OSC TCP client {} disconnected", client);
        } else {
            throttle.warn("tcp-drop", "Closed OSC TCP connection {}: {}", client, problem);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", closeable, e);
        }
    }
}
