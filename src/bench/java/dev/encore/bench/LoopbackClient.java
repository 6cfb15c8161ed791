package dev.encore.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

/**
 * A controller on 127.0.0.1 that sends one OSC command and waits for its one {@code /encore/reply} (or
 * error), skipping whatever else arrives meanwhile (status pushes, the {@code /encore/pong} of a ping). Messages are encoded here (no arguments, or one float), so the
 * client's own cost stays out of the server's figures.
 */
final class LoopbackClient implements AutoCloseable {
    private static final String REPLY = "/encore/reply";
    private static final String ERROR = "/encore/error";

    private final DatagramChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(65_536);

    LoopbackClient() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    /** An OSC message with no arguments: padded address, then the type tag string ",". */
    static ByteBuffer message(String address) {
        byte[] a = address.getBytes(StandardCharsets.US_ASCII);
        int padded = padded(a.length);
        ByteBuffer b = ByteBuffer.allocateDirect(padded + 4);
        b.put(a).position(padded).put((byte) ',').position(padded + 4).flip();
        return b;
    }

    /** An OSC message with one float32 argument. */
    static ByteBuffer message(String address, float value) {
        byte[] a = address.getBytes(StandardCharsets.US_ASCII);
        int padded = padded(a.length);
        ByteBuffer b = ByteBuffer.allocateDirect(padded + 8);
        b.put(a).position(padded).put((byte) ',').put((byte) 'f').position(padded + 4).putFloat(value).flip();
        return b;
    }

    /** Sends {@code command} and returns once the reply to it arrives; an error reply throws. */
    void command(SocketAddress server, ByteBuffer command, String address) throws IOException {
        channel.send(command.duplicate(), server);
        while (true) {
            if (server.equals(receive()) && answers(address)) {
                return;
            }
        }
    }

    /**
     * Sends {@code command} every {@code resendMs} until it is answered: how a controller finds out
     * that Encore is listening. Returns false when {@code timeoutMs} passes first.
     */
    boolean firstAnswer(SocketAddress server, ByteBuffer command, String address, long resendMs, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (System.nanoTime() < deadline) {
                channel.send(command.duplicate(), server);
                selector.select(resendMs);
                selector.selectedKeys().clear();
                in.clear();
                for (SocketAddress from = channel.receive(in); from != null; from = channel.receive(in)) {
                    in.flip();
                    if (from.equals(server) && answers(address)) {
                        return true;
                    }
                    in.clear();
                }
            }
            return false;
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** Sends a datagram and waits for any datagram back: the bare round trip. */
    void echo(SocketAddress echo, ByteBuffer datagram) throws IOException {
        channel.send(datagram.duplicate(), echo);
        while (!echo.equals(receive())) {
            in.clear();
        }
    }

    /** True when the datagram in {@code in} is the answer to {@code address} (the echo of it counts too). */
    private boolean answers(String address) {
        String got = string(0);
        if (got.equals(address)) {
            return true;
        }
        if (!got.equals(REPLY) && !got.equals(ERROR)) {
            return false;
        }
        int tagsAt = padded(got.length());
        int argsAt = tagsAt + padded(string(tagsAt).length());
        if (!string(argsAt).equals(address)) {
            return false;
        }
        if (got.equals(ERROR)) {
            throw new IllegalStateException(address + " failed: " + string(argsAt + padded(address.length()) + Integer.BYTES));
        }
        return true;
    }

    private SocketAddress receive() throws IOException {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        return from;
    }

    private String string(int at) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < in.limit() && in.get(i) != 0; i++) {
            s.append((char) in.get(i));
        }
        return s.toString();
    }

    private static int padded(int length) {
        return (length / 4 + 1) * 4;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
