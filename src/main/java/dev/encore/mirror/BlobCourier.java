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
    /** Pieces on the way at once: the link stays busy while the receiver writes. Pieces of one sender arrive in order. */
    private static final int WINDOW = 8;

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
            int n = (int) Math.min(Wire.BLOB_PIECE_BYTES, total - offset);
            byte[] piece = new byte[n];
            all.get(piece);
            inFlight.add(link.askLater(to, Wire.piece(new Wire.Piece(id, offset, total, piece))));
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
