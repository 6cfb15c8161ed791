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
 * It remembers what each laptop said it holds or took, so a save of a session whose audio the
 * backup holds already asks nothing; {@link #forget} drops that memory when the laptop refused
 * something, so audio it lost since (removed by hand, quarantined by a check) is asked for again.
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
    /** By laptop address: the blobs it said it holds or acknowledged whole. Used by one thread. */
    private final java.util.Map<Object, Set<AssetId>> held = new java.util.HashMap<>();

    BlobCourier(SessionStore store, JGroupsLink link) {
        this.store = store;
        this.link = link;
    }

    /** Sends the blobs of {@code ids} that {@code to} lacks; returns how many it sent. */
    int deliver(JGroupsLink.Peer to, Set<AssetId> ids) throws Exception {
        Set<AssetId> known = held.computeIfAbsent(to.address(), a -> new java.util.HashSet<>());
        Set<AssetId> unknown = new java.util.HashSet<>(ids);
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return 0;
        }
        DataInputStream reply = Wire.reader(link.ask(to, Wire.ids(Wire.MISSING, unknown)));
        if (reply.readByte() != Wire.OK) {
            throw new Refused("it refused the audio check: " + reply.readUTF());
        }
        Set<AssetId> lacking = Wire.readIds(reply);
        for (AssetId id : unknown) {
            if (!lacking.contains(id)) {
                known.add(id);
            }
        }
        for (AssetId id : lacking) {
            send(to, id);
            known.add(id);
        }
        return lacking.size();
    }

    /** Forgets what {@code to} said it holds: it refused something, or it is no longer in the group. */
    void forget(JGroupsLink.Peer to) {
        held.remove(to.address());
    }

    /** Keeps what it remembers only of the laptops in {@code peers}. */
    void keepOnly(java.util.List<JGroupsLink.Peer> peers) {
        held.keySet().removeIf(a -> peers.stream().noneMatch(p -> p.address().equals(a)));
    }

    private void send(JGroupsLink.Peer to, AssetId id) throws Exception {
        MappedAsset asset;
        try {
            asset = store.map(id);
        } catch (EncoreException e) {
            throw new Unreadable("audio " + id + " cannot be read on this laptop to send it: " + e.getMessage(), e);
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
            throw new Refused("it did not take the audio: " + reply.readUTF());
        }
    }
}
