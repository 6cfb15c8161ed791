package dev.encore.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor of any mirror on JGroups: two of the mirror's own links (the same protocol stack and
 * transport settings) on loopback, a request of the given bytes and its one-byte answer, with
 * nothing of Encore between them. The receiver answers at once, or first appends the bytes to a
 * preallocated file and forces them, as a backup does with a journal record.
 */
public final class LinkBaseline implements AutoCloseable {
    private static final byte READ_ONLY = 0;
    private static final byte FORCED = 1;
    private static final long FILE_BYTES = 64L << 20;
    private static final byte[] OK = {Wire.OK};

    private final JGroupsLink sender;
    private final JGroupsLink receiver;
    private final JGroupsLink.Peer peer;
    private final FileChannel file;
    private long at;

    private LinkBaseline(JGroupsLink sender, JGroupsLink receiver, JGroupsLink.Peer peer, FileChannel file) {
        this.sender = sender;
        this.receiver = receiver;
        this.peer = peer;
        this.file = file;
    }

    /**
     * Starts both links on 127.0.0.1 at {@code senderPort} and {@code receiverPort}; the receiver's
     * file is in {@code dir}.
     */
    public static LinkBaseline start(Path dir, int senderPort, int receiverPort) throws Exception {
        Files.createDirectories(dir);
        FileChannel file = FileChannel.open(dir.resolve("link-journal"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        file.write(ByteBuffer.allocate(1), FILE_BYTES - 1);
        file.force(true);
        long[] at = {0};
        InetSocketAddress s = new InetSocketAddress("127.0.0.1", senderPort);
        InetSocketAddress r = new InetSocketAddress("127.0.0.1", receiverPort);
        JGroupsLink receiver = JGroupsLink.join(config(r, s, "baseline-receiver"), (from, request, reply) -> {
            if (request.get(request.position()) == FORCED) {
                ByteBuffer body = request.duplicate().position(request.position() + 1);
                if (at[0] + body.remaining() > FILE_BYTES) {
                    at[0] = 0;
                }
                try {
                    while (body.hasRemaining()) {
                        at[0] += file.write(body, at[0]);
                    }
                    file.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            reply.accept(OK);
        }, others -> { });
        JGroupsLink sender = JGroupsLink.join(config(s, r, "baseline-sender"), (from, request, reply) -> reply.accept(OK), others -> { });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sender.peers().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the baseline links did not find each other");
            }
            Thread.sleep(20);
        }
        return new LinkBaseline(sender, receiver, sender.peers().get(0), file);
    }

    /** Sends {@code bytes} (after a one-byte mode) and waits for the answer; nanoseconds from send to answer. */
    public long roundTrip(byte[] message, boolean forced) throws Exception {
        message[0] = forced ? FORCED : READ_ONLY;
        long start = System.nanoTime();
        sender.askInOrder(peer, message, 0, message.length).get();
        return System.nanoTime() - start;
    }

    @Override
    public void close() throws IOException {
        sender.close();
        receiver.close();
        file.close();
    }

    private static MirrorConfig config(InetSocketAddress bind, InetSocketAddress peer, String name) {
        return new MirrorConfig(MirrorConfig.Role.BACKUP, bind, List.of(peer), "encore-link-baseline", 3000, false, 0, name);
    }
}
