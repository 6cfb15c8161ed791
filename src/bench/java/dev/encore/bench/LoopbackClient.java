package dev.encore.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * A controller on 127.0.0.1 that sends one OSC command and waits for its reply, skipping the status
 * pushes that arrive meanwhile. Commands are argument-less OSC messages encoded here, so the
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
        int padded = (a.length / 4 + 1) * 4;
        ByteBuffer b = ByteBuffer.allocateDirect(padded + 4);
        b.put(a).position(padded).put((byte) ',').position(padded + 4).flip();
        return b;
    }

    /** Sends {@code command} and returns once the reply to it arrives; an error reply throws. */
    void command(SocketAddress server, ByteBuffer command, String address) throws IOException {
        channel.send(command.duplicate(), server);
        while (true) {
            receive();
            String replyAddress = string(0);
            if (replyAddress.equals(REPLY) || replyAddress.equals(ERROR)) {
                int tagsAt = padded(replyAddress.length());
                int argsAt = tagsAt + padded(string(tagsAt).length());
                if (!string(argsAt).equals(address)) {
                    continue;
                }
                if (replyAddress.equals(ERROR)) {
                    throw new IllegalStateException(address + " failed: " + string(argsAt + padded(address.length()) + Integer.BYTES));
                }
                return;
            }
        }
    }

    /** Sends a datagram and waits for any datagram back: the bare round trip. */
    void echo(SocketAddress echo, ByteBuffer datagram) throws IOException {
        channel.send(datagram.duplicate(), echo);
        receive();
    }

    private void receive() throws IOException {
        in.clear();
        channel.receive(in);
        in.flip();
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
