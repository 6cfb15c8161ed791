package dev.encore.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A controller for tests: a real UDP socket on 127.0.0.1 that sends OSC messages to the daemon and
 * receives its replies and pushes on its own port (the daemon's reply port). Its small OSC codec is
 * written from the OSC 1.0 specification, independent of the daemon's. Public because the black-box
 * tests in {@code dev.encore.it} drive the packaged jar with it too.
 */
public final class OscClient implements AutoCloseable {
    public static final long WAIT_MS = 10_000;
    public static final long RETRY_MS = 50;

    public record Message(String address, List<Object> args) {
        public Object arg(int i) {
            return args.get(i);
        }

        @Override
        public String toString() {
            return address + " " + args;
        }
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final List<Message> seen = new ArrayList<>();
    private InetSocketAddress daemon;

    public OscClient(String host, int port) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(host, port));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    public OscClient() throws IOException {
        this("127.0.0.1", 0);
    }

    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    public OscClient to(int daemonPort) {
        daemon = new InetSocketAddress("127.0.0.1", daemonPort);
        return this;
    }

    public void send(String address, Object... args) throws IOException {
        sendRaw(encode(address, args));
    }

    public void sendRaw(byte[] packet) throws IOException {
        channel.send(ByteBuffer.wrap(packet), Objects.requireNonNull(daemon, "daemon port"));
    }

    /** Sends a command and returns its one answer ({@code /encore/reply} or {@code /encore/error}). */
    public Message request(String address, Object... args) throws IOException {
        send(address, args);
        return answerTo(address);
    }

    /**
     * Sends a command with a request id again every {@code RETRY_MS} until its answer arrives, as a
     * controller on a lossy network does; the daemon runs it once and answers every copy.
     */
    public Message requestRetrying(String address, String requestId) throws IOException {
        for (int attempt = 0; attempt < WAIT_MS / RETRY_MS; attempt++) {
            send(address, "req:" + requestId);
            int i = indexOf(m -> (m.address().equals("/encore/reply") || m.address().equals("/encore/error"))
                    && m.args().get(0).equals(address) && m.args().contains("req:" + requestId), RETRY_MS);
            if (i >= 0) {
                return seen.remove(i);
            }
        }
        throw new AssertionError(address + " req:" + requestId + " got no answer within " + WAIT_MS + " ms");
    }

    public Message answerTo(String address) throws IOException {
        return await(m -> (m.address().equals("/encore/reply") || m.address().equals("/encore/error"))
                && m.args().get(0).equals(address));
    }

    /** The first message, received from now on or already seen and not yet taken, that matches; it is taken. */
    public Message await(Predicate<Message> wanted) throws IOException {
        int i = indexOf(wanted);
        return seen.remove(i);
    }

    /** As {@link #await(Predicate)}, waiting at most {@code waitMs}. */
    public Message await(Predicate<Message> wanted, long waitMs) throws IOException {
        int i = indexOf(wanted, waitMs);
        if (i < 0) {
            throw new AssertionError("nothing matching arrived within " + waitMs + " ms; seen: " + seen);
        }
        return seen.remove(i);
    }

    /** The first matching message within {@code waitMs}, taken; null when none came. */
    Message poll(Predicate<Message> wanted, long waitMs) throws IOException {
        int i = indexOf(wanted, waitMs);
        return i < 0 ? null : seen.remove(i);
    }

    /** Every message in arrival order up to and including the first that matches; they are taken. */
    public List<Message> until(Predicate<Message> wanted) throws IOException {
        List<Message> head = seen.subList(0, indexOf(wanted) + 1);
        List<Message> taken = new ArrayList<>(head);
        head.clear();
        return taken;
    }

    private int indexOf(Predicate<Message> wanted) throws IOException {
        int i = indexOf(wanted, WAIT_MS);
        if (i < 0) {
            throw new AssertionError("nothing matching arrived within " + WAIT_MS + " ms; seen: " + seen);
        }
        return i;
    }

    /** The index of the first matching message, waiting at most {@code waitMs}; -1 when none came. */
    private int indexOf(Predicate<Message> wanted, long waitMs) throws IOException {
        long deadline = System.currentTimeMillis() + waitMs;
        while (true) {
            for (int i = 0; i < seen.size(); i++) {
                if (wanted.test(seen.get(i))) {
                    return i;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return -1;
            }
            receive(left);
        }
    }

    public Message awaitPush(String address, Object... args) throws IOException {
        return await(m -> m.address().equals(address) && m.args().equals(List.of(args)));
    }

    /** Everything received so far and not taken by a wait, then forgotten. */
    public List<Message> drain() throws IOException {
        while (selector.selectNow() > 0) {
            selector.selectedKeys().clear();
            readAll();
        }
        List<Message> all = new ArrayList<>(seen);
        seen.clear();
        return all;
    }

    private void receive(long waitMs) throws IOException {
        if (selector.select(waitMs) > 0) {
            selector.selectedKeys().clear();
            readAll();
        }
    }

    private void readAll() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (channel.receive(buffer) != null) {
            buffer.flip();
            seen.add(decode(buffer));
            buffer.clear();
        }
    }

    static byte[] encode(String address, Object... args) {
        ByteBuffer out = ByteBuffer.allocate(65_536);
        putString(out, address);
        StringBuilder tags = new StringBuilder(",");
        for (Object a : args) {
            tags.append(a instanceof Integer ? 'i' : a instanceof Float ? 'f' : a instanceof String ? 's'
                    : a instanceof Double ? 'd' : a instanceof Long ? 'h' : Boolean.TRUE.equals(a) ? 'T'
                    : Boolean.FALSE.equals(a) ? 'F' : 'b');
        }
        putString(out, tags.toString());
        for (Object a : args) {
            if (a instanceof Integer i) {
                out.putInt(i);
            } else if (a instanceof Float f) {
                out.putFloat(f);
            } else if (a instanceof String s) {
                putString(out, s);
            } else if (a instanceof Double d) {
                out.putDouble(d);
            } else if (a instanceof Long l) {
                out.putLong(l);
            } else if (a instanceof byte[] b) {
                out.putInt(b.length).put(b);
                pad(out);
            }
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    static Message decode(ByteBuffer in) {
        String address = getString(in);
        String tags = getString(in);
        List<Object> args = new ArrayList<>();
        for (char tag : tags.substring(1).toCharArray()) {
            switch (tag) {
                case 'i' -> args.add(in.getInt());
                case 'f' -> args.add(in.getFloat());
                case 's' -> args.add(getString(in));
                case 'd' -> args.add(in.getDouble());
                case 'h' -> args.add(in.getLong());
                case 'T' -> args.add(true);
                case 'F' -> args.add(false);
                case 'b' -> {
                    byte[] b = new byte[in.getInt()];
                    in.get(b);
                    in.position((in.position() + 3) & ~3);
                    args.add(b);
                }
                default -> throw new AssertionError("unexpected OSC type tag " + tag + " in " + address);
            }
        }
        return new Message(address, args);
    }

    private static void putString(ByteBuffer out, String s) {
        out.put(s.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        pad(out);
    }

    private static void pad(ByteBuffer out) {
        while (out.position() % 4 != 0) {
            out.put((byte) 0);
        }
    }

    private static String getString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        String s = new String(in.array(), start, end - start, StandardCharsets.UTF_8);
        in.position((end + 4) & ~3);
        return s;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
