package dev.encore.it;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.argument.ArgumentHandler;
import com.illposed.osc.argument.handler.Activator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The server side of the New Session Manager API 1.1, as its API document describes it, for one
 * test: a UDP socket on 127.0.0.1 (ephemeral port) that records every message a client sends, and
 * sends the manager's messages ({@code /reply} to the announce, {@code /nsm/client/open},
 * {@code /nsm/client/save}) to the address the client announced from.
 */
final class NsmServer implements AutoCloseable {
    /** One message a client sent, and where from. */
    record Received(String address, List<Object> args, SocketAddress from) {
        Object arg(int i) {
            return args.get(i);
        }
    }

    private final DatagramSocket socket;
    private final OSCParser parser;
    private final OSCSerializer serializer;
    private final BufferBytesReceiver out = new BufferBytesReceiver(ByteBuffer.allocate(65_536));
    private final List<Received> log = new ArrayList<>();
    /** Messages an await already returned, by identity: the same message may come twice (is_clean after each save). */
    private final java.util.Set<Received> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    @SuppressWarnings({"rawtypes", "unchecked"})
    NsmServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Map<String, Object> utf8 = Map.of("charset", StandardCharsets.UTF_8);
        Map<Character, ArgumentHandler> parserTypes = Activator.createParserTypes();
        parserTypes.values().forEach(h -> h.setProperties(utf8));
        parser = new OSCParser(parserTypes, utf8);
        List<ArgumentHandler> serializerTypes = Activator.createSerializerTypes();
        serializerTypes.forEach(h -> h.setProperties(utf8));
        serializer = new OSCSerializer(serializerTypes, utf8, out);
    }

    /** The value for a client's {@code NSM_URL}. */
    String url() {
        return "osc.udp://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    void send(SocketAddress to, String address, Object... args) throws Exception {
        out.clear();
        serializer.write(new OSCMessage(address, List.of(args)));
        byte[] bytes = out.toByteArray();
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** Every message received so far, in order. */
    synchronized List<Received> log() {
        return List.copyOf(log);
    }

    /**
     * Receives until a message matches (it and everything before it are logged), failing after
     * {@code timeout} with everything received.
     */
    Received await(Duration timeout, String what, Predicate<Received> wanted) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            for (Received r : log) {
                if (wanted.test(r) && !taken.contains(r)) {
                    taken.add(r);
                    return r;
                }
            }
        }
        byte[] buffer = new byte[65_536];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("the client did not send " + what + " within " + timeout + "; it sent: " + log());
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            OSCPacket parsed = parser.convert(ByteBuffer.wrap(buffer, 0, packet.getLength()));
            OSCMessage m = (OSCMessage) parsed;
            Received r = new Received(m.getAddress(), List.copyOf(m.getArguments()), packet.getSocketAddress());
            synchronized (this) {
                log.add(r);
                if (wanted.test(r)) {
                    taken.add(r);
                    return r;
                }
            }
        }
    }

    /** Receives until the client at {@code from} answers {@code path} with {@code /reply} or {@code /error}. */
    Received awaitAnswer(Duration timeout, SocketAddress from, String path) throws Exception {
        return await(timeout, "an answer to " + path, r -> r.from().equals(from)
                && (r.address().equals("/reply") || r.address().equals("/error")) && path.equals(r.arg(0)));
    }

    /** Receives until the client at {@code from} (any client when null) sends a message at {@code address}. */
    Received awaitMessage(Duration timeout, SocketAddress from, String address) throws Exception {
        return await(timeout, address, r -> (from == null || r.from().equals(from)) && r.address().equals(address));
    }

    @Override
    public void close() {
        socket.close();
    }
}
