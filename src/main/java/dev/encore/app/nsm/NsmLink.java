package dev.encore.app.nsm;

import dev.encore.control.osc.OscMessageCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP socket a client talks to its session manager on: messages in (only from the manager's
 * address and port), messages out, with the replies, errors, progress and messages of the NSM API.
 * A failed send is logged, never thrown, so a manager that went away never stops Encore.
 */
final class NsmLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NsmLink.class);
    private static final int MAX_DATAGRAM = 65_507;

    private final NsmUrl url;
    private final DatagramSocket socket;
    private final OscMessageCodec codec = new OscMessageCodec();

    private NsmLink(NsmUrl url, DatagramSocket socket) {
        this.url = url;
        this.socket = socket;
    }

    /** Opens the socket on any local port; the manager answers the port it hears from. */
    static NsmLink open(NsmUrl url) throws SocketException {
        return new NsmLink(url, new DatagramSocket(new InetSocketAddress(0)));
    }

    NsmUrl url() {
        return url;
    }

    /** How long {@link #receive()} waits; 0 waits for ever. */
    void timeout(int ms) throws SocketException {
        socket.setSoTimeout(ms);
    }

    /**
     * The next message from the manager; empty for a datagram from elsewhere or one that is not an
     * OSC message (both logged).
     *
     * @throws java.net.SocketTimeoutException when the timeout passes first
     * @throws SocketException once the link is closed
     */
    Optional<OscMessageCodec.Message> receive() throws IOException {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (packet.getPort() != url.address().getPort()) {
            LOG.warn("Ignored a datagram from {}: only the session manager at {} is answered on this port",
                    packet.getSocketAddress(), url.text());
            return Optional.empty();
        }
        Optional<OscMessageCodec.Message> message;
        synchronized (codec) {
            message = codec.decode(ByteBuffer.wrap(buffer, 0, packet.getLength()));
        }
        if (message.isEmpty()) {
            LOG.warn("Ignored a datagram from the session manager that is not an OSC message ({} bytes)", packet.getLength());
        }
        return message;
    }

    void progress(float fraction) {
        send("/nsm/client/progress", fraction);
    }

    void message(int priority, String text) {
        send("/nsm/client/message", priority, text);
    }

    void reply(String path, String text) {
        send("/reply", path, text);
    }

    void error(String path, int code, String text) {
        LOG.warn("Answered {} with error {}: {}", path, code, text);
        send("/error", path, code, text);
    }

    /** Sends one message to the manager; nothing once the link is closed. */
    void send(String address, Object... args) {
        if (socket.isClosed()) {
            return;
        }
        byte[] bytes;
        synchronized (codec) {
            bytes = codec.encode(address, List.copyOf(Arrays.asList(args)));
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, url.address()));
        } catch (IOException e) {
            if (!socket.isClosed()) {
                LOG.warn("Could not send {} to the session manager at {}: {}", address, url.text(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
