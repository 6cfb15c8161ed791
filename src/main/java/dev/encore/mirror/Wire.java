package dev.encore.mirror;

import dev.encore.store.AssetId;
import dev.encore.store.Imports;
import dev.encore.store.MirroredRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

    private Wire() {
    }

    /** A laptop's answer to STATUS. */
    record Status(MirrorConfig.Role role, long epoch, long epochBaseSeq, String epochOrigin, long lastSeq, String name) {
    }

    /** A record with the sending primary's last sequence number, so the receiver can tell how far behind it is. */
    record Shipped(MirroredRecord record, long senderLastSeq) {
    }

    /** A blob piece: its bytes are a view of the request that carried them. */
    record Piece(AssetId id, long offset, long total, ByteBuffer bytes) {
    }

    /** A session copy: its name, snapshot (in the record encoding, see {@link Imports#encodeSnapshot}) and audio. */
    record Copy(String name, byte[] snapshot, Set<AssetId> assets) {
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

    static DataInputStream reader(ByteBuffer bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining()));
    }

    static byte[] status(Status s) {
        return message(OK, out -> {
            out.writeByte(s.role().ordinal());
            out.writeLong(s.epoch());
            out.writeLong(s.epochBaseSeq());
            out.writeUTF(s.epochOrigin());
            out.writeLong(s.lastSeq());
            out.writeUTF(s.name());
        });
    }

    static Status readStatus(DataInputStream in) throws IOException {
        return new Status(MirrorConfig.Role.values()[in.readByte()], in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readUTF());
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

    /**
     * A request carrying {@code length} bytes of a blob from {@code source}'s position, copied once
     * straight from the source (the blob's mapping) into the request.
     */
    static byte[] piece(AssetId id, long offset, long total, ByteBuffer source, int length) {
        byte[] head = message(BLOB, out -> {
            out.writeUTF(id.hex());
            out.writeLong(offset);
            out.writeLong(total);
            out.writeInt(length);
        });
        byte[] request = new byte[head.length + length];
        System.arraycopy(head, 0, request, 0, head.length);
        source.get(request, head.length, length);
        return request;
    }

    /** The piece in a BLOB request whose kind byte was read from {@code request}; its bytes are not copied. */
    static Piece readPiece(ByteBuffer request) throws IOException {
        ByteBuffer in = request.duplicate();
        in.get(); // the kind
        byte[] hex = new byte[in.getShort() & 0xffff];
        in.get(hex);
        AssetId id = AssetId.of(new String(hex, java.nio.charset.StandardCharsets.US_ASCII));
        long offset = in.getLong();
        long total = in.getLong();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("a piece of audio " + id + " says " + length + " bytes but carries " + in.remaining());
        }
        return new Piece(id, offset, total, in.slice().limit(length));
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
            out.writeInt(c.snapshot().length);
            out.write(c.snapshot());
            writeIds(out, c.assets());
        });
    }

    static Copy readCopy(DataInputStream in) throws IOException {
        String name = in.readUTF();
        byte[] snapshot = new byte[in.readInt()];
        in.readFully(snapshot);
        return new Copy(name, snapshot, readIds(in));
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
