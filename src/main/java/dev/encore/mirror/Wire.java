package dev.encore.mirror;

import dev.encore.store.AssetId;
import dev.encore.store.MirroredRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The few requests laptops send each other, as bytes: a kind, then fixed fields. Every request gets
 * one reply from the receiver's {@link Intake}; replies start with {@link #OK} or {@link #FAILED}
 * (followed by the reason) except where noted.
 */
final class Wire {
    /** Who are you: role, takeover epoch, the sequence the epoch began after, last sequence held, name. */
    static final byte STATUS = 1;
    /** Which of these blobs do you lack (reply: the hashes lacked). */
    static final byte MISSING = 2;
    /** A piece of one blob: hash, offset, total length, bytes. */
    static final byte BLOB = 3;
    /** A journal record and what the sender holds in all (reply: OK or GAP with the receiver's last sequence). */
    static final byte RECORD = 4;
    /** A session the sender holds but the receiver, a newer primary, lacks: keep it as a copy. */
    static final byte COPY = 5;

    static final byte OK = 0;
    static final byte FAILED = 1;
    static final byte GAP = 2;

    /** The largest piece of a blob in one request. */
    static final int BLOB_PIECE_BYTES = 1 << 20;

    private Wire() {
    }

    /** A laptop's answer to STATUS. */
    record Status(MirrorConfig.Role role, long epoch, long epochBaseSeq, long lastSeq, String name) {
    }

    /** A record with the sending primary's last sequence number, so the receiver can tell how far behind it is. */
    record Shipped(MirroredRecord record, long senderLastSeq) {
    }

    /** A blob piece. */
    record Piece(AssetId id, long offset, long total, byte[] bytes) {
    }

    /** A session copy: its name, snapshot (JSON) and audio. */
    record Copy(String name, String snapshotJson, Set<AssetId> assets) {
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] message(byte kind, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DataInputStream reader(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    static byte[] status(Status s) {
        return message(OK, out -> {
            out.writeByte(s.role().ordinal());
            out.writeLong(s.epoch());
            out.writeLong(s.epochBaseSeq());
            out.writeLong(s.lastSeq());
            out.writeUTF(s.name());
        });
    }

    static Status readStatus(DataInputStream in) throws IOException {
        return new Status(MirrorConfig.Role.values()[in.readByte()], in.readLong(), in.readLong(), in.readLong(), in.readUTF());
    }

    static byte[] ids(byte kind, Set<AssetId> ids) {
        return message(kind, out -> writeIds(out, ids));
    }

    static void writeIds(DataOutputStream out, Set<AssetId> ids) throws IOException {
        out.writeInt(ids.size());
        for (AssetId id : ids) {
            out.writeUTF(id.hex());
        }
    }

    static Set<AssetId> readIds(DataInputStream in) throws IOException {
        int n = in.readInt();
        Set<AssetId> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(AssetId.of(in.readUTF()));
        }
        return ids;
    }

    static byte[] piece(Piece p) {
        return message(BLOB, out -> {
            out.writeUTF(p.id().hex());
            out.writeLong(p.offset());
            out.writeLong(p.total());
            out.writeInt(p.bytes().length);
            out.write(p.bytes());
        });
    }

    static Piece readPiece(DataInputStream in) throws IOException {
        AssetId id = AssetId.of(in.readUTF());
        long offset = in.readLong();
        long total = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new Piece(id, offset, total, bytes);
    }

    static byte[] record(Shipped s) {
        MirroredRecord r = s.record();
        return message(RECORD, out -> {
            out.writeLong(r.prevSeq());
            out.writeLong(r.seq());
            out.writeInt(r.typeCode());
            out.writeInt(r.payload().length);
            out.write(r.payload());
            writeIds(out, r.assets());
            out.writeLong(s.senderLastSeq());
        });
    }

    static Shipped readRecord(DataInputStream in) throws IOException {
        long prev = in.readLong();
        long seq = in.readLong();
        int type = in.readInt();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        Set<AssetId> assets = readIds(in);
        return new Shipped(new MirroredRecord(prev, seq, type, payload, assets), in.readLong());
    }

    static byte[] copy(Copy c) {
        return message(COPY, out -> {
            out.writeUTF(c.name());
            byte[] json = c.snapshotJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            writeIds(out, c.assets());
        });
    }

    static Copy readCopy(DataInputStream in) throws IOException {
        String name = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new Copy(name, new String(json, java.nio.charset.StandardCharsets.UTF_8), readIds(in));
    }

    static byte[] ok() {
        return new byte[] {OK};
    }

    static byte[] gap(long lastSeq) {
        return message(GAP, out -> out.writeLong(lastSeq));
    }

    static byte[] failed(String why) {
        return message(FAILED, out -> out.writeUTF(why.length() > 2000 ? why.substring(0, 2000) : why));
    }
}
