package dev.encore.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of an {@link IndexImage}: everything a {@link StoreState} holds, as plain binary fields
 * read in one pass, with the sessions' snapshots kept apart as the CBOR bytes they were journaled
 * as (decoded only when a session is opened). A start with a thousand sessions and ten thousand
 * revisions reads this in a few milliseconds, where a document per session cost a decode each.
 * Drafts are few and carry their own record form.
 *
 * <p>Layout: {@code VERSION}, then the named assets, asset sizes, meta, stem cache, setlist and
 * active session, live sessions, deleted sessions (oldest deletion first), drafts. A session is
 * its current metadata, the offset and length of its snapshot in the snapshot stream, audio
 * bytes, head, redo list, revisions and deletion. Strings are a length and UTF-8.
 */
final class ImageCodec {
    private static final int VERSION = 1;

    /** The two streams of an image: the state, and the snapshots it points into. */
    record Encoded(byte[] state, byte[] snapshots) {
    }

    private ImageCodec() {
    }

    static Encoded encode(StoreState s) {
        ByteArrayOutputStream stateBytes = new ByteArrayOutputStream(64 * 1024);
        ByteArrayOutputStream snapshots = new ByteArrayOutputStream(256 * 1024);
        try (DataOutputStream out = new DataOutputStream(stateBytes)) {
            out.writeInt(VERSION);
            assets(out, s.everNamed);
            out.writeInt(s.sizes.size());
            for (Map.Entry<AssetId, Long> e : s.sizes.entrySet()) {
                string(out, e.getKey().hex());
                out.writeLong(e.getValue());
            }
            out.writeInt(s.meta.size());
            for (Map.Entry<String, String> e : s.meta.entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            out.writeInt(s.stems.size());
            for (Map.Entry<String, Map<String, AssetId>> e : s.stems.entrySet()) {
                string(out, e.getKey());
                out.writeInt(e.getValue().size());
                for (Map.Entry<String, AssetId> stem : e.getValue().entrySet()) {
                    string(out, stem.getKey());
                    string(out, stem.getValue().hex());
                }
            }
            out.writeInt(s.setlist.size());
            for (SessionId id : s.setlist) {
                string(out, id.value());
            }
            string(out, s.active == null ? "" : s.active.value());
            histories(out, s.sessions.values(), snapshots);
            histories(out, s.deleted.values(), snapshots);
            out.writeInt(s.drafts.size());
            for (Map.Entry<String, StoredDraft> e : s.drafts.entrySet()) {
                string(out, e.getKey());
                bytes(out, RecordCodec.cbor(RecordCodec.draftRecord(e.getKey(), e.getValue(), s.sizes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new Encoded(stateBytes.toByteArray(), snapshots.toByteArray());
    }

    /**
     * Reads what {@link #encode} wrote into a new state ({@code appliedSeq} is the caller's).
     *
     * @throws IllegalArgumentException when the bytes do not read back as an image body
     */
    static StoreState decode(byte[] state, byte[] snapshots) {
        ByteBuffer in = ByteBuffer.wrap(state);
        try {
            if (in.getInt() != VERSION) {
                throw new IllegalArgumentException("unknown image body version");
            }
            StoreState s = new StoreState();
            s.everNamed.addAll(assets(in));
            for (int i = count(in); i > 0; i--) {
                s.sizes.put(AssetId.of(string(in)), in.getLong());
            }
            for (int i = count(in); i > 0; i--) {
                s.meta.put(string(in), string(in));
            }
            for (int i = count(in); i > 0; i--) {
                String key = string(in);
                Map<String, AssetId> stems = new TreeMap<>();
                for (int j = count(in); j > 0; j--) {
                    stems.put(string(in), AssetId.of(string(in)));
                }
                s.stems.put(key, Map.copyOf(stems));
            }
            List<SessionId> setlist = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                setlist.add(SessionId.of(string(in)));
            }
            String active = string(in);
            for (int i = count(in); i > 0; i--) {
                SessionHistory h = history(in, snapshots);
                s.sessions.put(h.id(), h);
                s.names.put(Names.key(h.name()), h.id());
            }
            for (int i = count(in); i > 0; i--) {
                SessionHistory h = history(in, snapshots);
                s.deleted.put(h.id(), h);
            }
            for (int i = count(in); i > 0; i--) {
                String key = string(in);
                s.drafts.put(key, RecordCodec.draft(RecordCodec.decode(bytes(in), "draft " + key + " in the index image")));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " byte(s) after the end");
            }
            // As the state had them; a session the setlist misses goes last, as a setlist record would leave it.
            java.util.LinkedHashSet<SessionId> order = new java.util.LinkedHashSet<>();
            setlist.stream().filter(s.sessions::containsKey).forEach(order::add);
            s.sessions.keySet().stream().filter(id -> !order.contains(id)).sorted().forEach(order::add);
            s.setlist = new ArrayList<>(order);
            SessionId activeId = active.isEmpty() ? null : SessionId.of(active);
            s.active = activeId != null && s.sessions.containsKey(activeId) ? activeId : null;
            return s;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the image body ends early", e);
        }
    }

    private static void histories(DataOutputStream out, Collection<SessionHistory> all, ByteArrayOutputStream snapshots)
            throws IOException {
        out.writeInt(all.size());
        for (SessionHistory h : all) {
            SessionContent c = h.content();
            string(out, c.id().value());
            string(out, c.name());
            out.writeLong(c.created().toEpochMilli());
            out.writeLong(c.updated().toEpochMilli());
            assets(out, c.assets());
            byte[] snapshot = c.snapshotCbor();
            out.writeInt(snapshots.size());
            out.writeInt(snapshot.length);
            snapshots.write(snapshot);
            out.writeLong(h.audioBytes());
            out.writeInt(h.head());
            out.writeInt(h.redo().size());
            for (int n : h.redo()) {
                out.writeInt(n);
            }
            out.writeInt(h.revisions().size());
            for (Revision r : h.revisions()) {
                out.writeInt(r.number());
                out.writeLong(r.time().toEpochMilli());
                string(out, r.what());
                assets(out, r.assets());
                out.writeLong(r.seq());
            }
            out.writeBoolean(h.deleted() != null);
            if (h.deleted() != null) {
                out.writeLong(h.deleted().at().toEpochMilli());
                out.writeInt(h.deleted().position());
            }
        }
    }

    private static SessionHistory history(ByteBuffer in, byte[] snapshots) {
        SessionId id = SessionId.of(string(in));
        String name = string(in);
        Instant created = Instant.ofEpochMilli(in.getLong());
        Instant updated = Instant.ofEpochMilli(in.getLong());
        Set<AssetId> assets = assets(in);
        int at = in.getInt();
        int length = in.getInt();
        if (at < 0 || length <= 0 || at > snapshots.length - length) {
            throw new IllegalArgumentException("the snapshot of session " + id + " lies outside the snapshots");
        }
        byte[] snapshot = java.util.Arrays.copyOfRange(snapshots, at, at + length);
        StoredSession meta = new StoredSession(id, name, created, updated, SessionStore.SCHEMA_VERSION, assets,
                RecordCodec.JSON.createObjectNode());
        long audioBytes = in.getLong();
        int head = in.getInt();
        List<Integer> redo = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            redo.add(in.getInt());
        }
        List<Revision> revisions = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            revisions.add(new Revision(in.getInt(), Instant.ofEpochMilli(in.getLong()), string(in), assets(in), in.getLong()));
        }
        SessionHistory.Deletion deletion = in.get() != 0
                ? new SessionHistory.Deletion(Instant.ofEpochMilli(in.getLong()), in.getInt()) : null;
        return new SessionHistory(SessionContent.lazy(meta, snapshot), audioBytes, revisions, head, redo, deletion);
    }

    private static void assets(DataOutputStream out, Set<AssetId> ids) throws IOException {
        out.writeInt(ids.size());
        for (AssetId id : ids) {
            string(out, id.hex());
        }
    }

    private static Set<AssetId> assets(ByteBuffer in) {
        int n = count(in);
        Set<AssetId> ids = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            ids.add(AssetId.of(string(in)));
        }
        return ids;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(ByteBuffer in) {
        int n = count(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[count(in)];
        in.get(b);
        return b;
    }

    /** A count or length: never negative, never more than the bytes left could hold. */
    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a count of " + n + " with " + in.remaining() + " byte(s) left");
        }
        return n;
    }
}
