package dev.encore.mirror;

import dev.encore.EncoreException;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Carries audio to another laptop: asks which of the named blobs it lacks (by hash), then streams
 * each one from its read-only mapping in pieces, a few on the way at once, every piece acknowledged.
 */
final class BlobCourier {
    /**
     * Pieces on the way at once: the link carries the next piece while the receiver writes this one.
     * Pieces of one sender arrive in order.
     */
    private static final int WINDOW = 2;
    /** Bytes of audio per piece: big pieces cost fewer headers, acks and copies; one piece and its header fit one fragment. */
    private static final int PIECE_BYTES = JGroupsLink.FRAGMENT_BYTES - (4 << 10);

    private final SessionStore store;
    private final JGroupsLink link;

    BlobCourier(SessionStore store, JGroupsLink link) {
        this.store = store;
        this.link = link;
    }

    /** Sends the blobs of {@code ids} that {@code to} lacks; returns how many it sent. */
    int deliver(JGroupsLink.Peer to, Set<AssetId> ids) throws Exception {
        if (ids.isEmpty()) {
            return 0;
        }
        DataInputStream reply = Wire.reader(link.ask(to, Wire.ids(Wire.MISSING, ids)));
        if (reply.readByte() != Wire.OK) {
            throw new IOException(to.name() + " refused the audio check: " + reply.readUTF());
        }
        Set<AssetId> lacking = Wire.readIds(reply);
        for (AssetId id : lacking) {
            send(to, id);
        }
        return lacking.size();
    }

    private void send(JGroupsLink.Peer to, AssetId id) throws Exception {
        MappedAsset asset;
        try {
            asset = store.map(id);
        } catch (EncoreException e) {
            throw new IOException("audio " + id + " cannot be read here to mirror it: " + e.getMessage(), e);
        }
        ByteBuffer all = asset.bytes();
        long total = all.remaining();
        long offset = 0;
        Deque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
        do {
            int n = (int) Math.min(PIECE_BYTES, total - offset);
            byte[] request = Wire.piece(id, offset, total, all, n);
            inFlight.add(link.askInOrder(to, request, 0, request.length));
            if (inFlight.size() >= WINDOW) {
                check(inFlight.poll().get());
            }
            offset += n;
        } while (offset < total);
        while (!inFlight.isEmpty()) {
            check(inFlight.poll().get());
        }
    }

    private static void check(byte[] answer) throws IOException {
        DataInputStream reply = Wire.reader(answer);
        if (reply.readByte() != Wire.OK) {
            throw new IOException(reply.readUTF());
        }
    }
}
