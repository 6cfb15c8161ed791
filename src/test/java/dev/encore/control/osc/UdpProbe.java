package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.function.Predicate;

/** A controller stand-in: a UDP socket on a loopback address that sends OSC and reads what comes back. */
final class UdpProbe implements AutoCloseable {
    private static final int WAIT_MS = 5_000;
    private final DatagramSocket socket;

    UdpProbe() throws IOException {
        this("127.0.0.1");
    }

    UdpProbe(String host) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
        socket.setReceiveBufferSize(1 << 20);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(int port, byte[] packet) throws IOException {
        send("127.0.0.1", port, packet);
    }

    void send(String host, int port, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, InetAddress.getByName(host), port));
    }

    /** The next message, failing the test after 5 s. */
    OscBytes.Msg receive() throws IOException {
        OscBytes.Msg msg = receive(WAIT_MS);
        assertNotNull(msg, "nothing arrived at port " + port() + " within " + WAIT_MS + " ms");
        return msg;
    }

    /** The next message within {@code waitMs}, or null. */
    OscBytes.Msg receive(int waitMs) throws IOException {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(waitMs);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return OscBytes.decode(Arrays.copyOf(buffer, packet.getLength()));
    }

    /** Skips messages until one matches, failing after 5 s without a match. */
    OscBytes.Msg receiveMatching(Predicate<OscBytes.Msg> wanted) throws IOException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            OscBytes.Msg msg = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (msg != null && wanted.test(msg)) {
                return msg;
            }
        }
        throw new AssertionError("no matching message arrived at port " + port() + " within " + WAIT_MS + " ms");
    }

    @Override
    public void close() {
        socket.close();
    }
}
