package dev.encore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the records of one journal segment and finds what is damaged. A record is
 * {@code length (4) | CRC32C (4) | sequence (8) | type (1) | payload}, padded to 8 bytes; the CRC
 * covers sequence, type and payload. Preallocated space is zeros.
 *
 * <p>A record that does not check out is not the end of the segment: the scan looks for the next
 * record that does, so one flipped bit costs one record, never the ones after it. Damage followed
 * by nothing valid at the end of the last segment is a write that never completed (torn).
 */
final class SegmentScan {
    static final int HEADER = 17;
    static final int ALIGN = 8;

    /** A stretch of bytes that holds no valid record, though it is not empty. */
    record Damage(long offset, int length, boolean torn) {
    }

    /**
     * @param suspects records whose header reads back (a plausible length, a later sequence
     *     number, a known type) but whose checksum fails: their payload, for salvage only
     */
    record Result(List<JournalEntry> entries, List<Damage> damage, List<JournalEntry> suspects, long appendAt) {
    }

    private SegmentScan() {
    }

    static int recordBytes(int payloadLength) {
        return align(HEADER + payloadLength);
    }

    static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    /** Fills {@code out} (positioned at 0, at least {@link #recordBytes} long) with one record. */
    static void encode(ByteBuffer out, long seq, RecordType type, byte[] payload) {
        out.putInt(0, payload.length);
        out.putLong(8, seq);
        out.put(16, type.code);
        out.put(HEADER, payload);
        out.putInt(4, crc(out, 0, payload.length));
        for (int i = HEADER + payload.length; i < recordBytes(payload.length); i++) {
            out.put(i, (byte) 0);
        }
    }

    /**
     * Scans a whole segment. {@code afterSeq}: records at or below it are reported as entries
     * without copying their payload (the index already holds them).
     */
    static Result scan(ByteBuffer seg, String name, boolean last, long afterSeq) {
        List<JournalEntry> entries = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        List<JournalEntry> suspects = new ArrayList<>();
        int size = seg.capacity();
        int pos = 0;
        long lastSeq = 0;
        while (pos + HEADER <= size) {
            int len = seg.getInt(pos);
            if (len != 0 && valid(seg, pos, lastSeq)) {
                entries.add(entry(seg, name, pos, afterSeq));
                lastSeq = seg.getLong(pos + 8);
                pos += recordBytes(len);
                continue;
            }
            int written = lastNonZero(seg, pos);
            int next = written > pos ? nextValid(seg, pos + ALIGN, written, lastSeq) : -1;
            int end = next < 0 ? written : next;
            boolean torn = next < 0 && last;
            if (end > pos) {
                damage.add(new Damage(pos, end - pos, torn));
            }
            if (!torn && len != 0 && plausibleHeader(seg, pos, lastSeq)) {
                suspects.add(entry(seg, name, pos, -1)); // a write that completed, damaged since
            }
            if (next < 0) {
                pos = align(end);
                break;
            }
            pos = next;
        }
        return new Result(entries, damage, suspects, Math.min(pos, size));
    }

    private static JournalEntry entry(ByteBuffer seg, String name, int pos, long afterSeq) {
        int len = seg.getInt(pos);
        long seq = seg.getLong(pos + 8);
        RecordType type = RecordType.of(seg.get(pos + 16));
        byte[] payload = null;
        if (seq > afterSeq) {
            payload = new byte[len];
            seg.get(pos + HEADER, payload);
        }
        return new JournalEntry(seq, type, payload, name, pos, recordBytes(len));
    }

    /** Reads the payload of the record at {@code offset}, or null when it does not check out. */
    static byte[] payloadAt(ByteBuffer seg, int offset, long seq) {
        if (offset < 0 || offset + HEADER > seg.capacity() || !valid(seg, offset, 0) || seg.getLong(offset + 8) != seq) {
            return null;
        }
        byte[] payload = new byte[seg.getInt(offset)];
        seg.get(offset + HEADER, payload);
        return payload;
    }

    /** Reads the payload of record {@code seq} at {@code offset} of a segment file, or null when it does not check out. */
    static byte[] readAt(FileChannel segment, long offset, long seq) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        segment.read(head, offset);
        int payload = head.getInt(0);
        if (payload <= 0 || offset + HEADER + payload > segment.size()) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.allocate(HEADER + payload);
        while (whole.hasRemaining() && segment.read(whole, offset + whole.position()) >= 0) {
            // keep reading until the record is in
        }
        return payloadAt(whole, 0, seq);
    }

    private static boolean valid(ByteBuffer seg, int pos, long lastSeq) {
        return plausibleHeader(seg, pos, lastSeq) && seg.getInt(pos + 4) == crc(seg, pos, seg.getInt(pos));
    }

    private static boolean plausibleHeader(ByteBuffer seg, int pos, long lastSeq) {
        int len = seg.getInt(pos);
        if (len <= 0 || len > seg.capacity() - pos - HEADER) {
            return false;
        }
        return seg.getLong(pos + 8) > lastSeq && RecordType.of(seg.get(pos + 16)) != null;
    }

    /** The first valid record at or after {@code from} that starts before {@code before}, or -1. */
    private static int nextValid(ByteBuffer seg, int from, int before, long lastSeq) {
        for (int p = align(from); p < before && p + HEADER <= seg.capacity(); p += ALIGN) {
            if (seg.getInt(p) != 0 && valid(seg, p, lastSeq)) {
                return p;
            }
        }
        return -1;
    }

    /** One past the last non-zero byte at or after {@code from}, or {@code from} when all are zero. */
    private static int lastNonZero(ByteBuffer seg, int from) {
        if (allZero(seg, from)) {
            return from; // the usual end of a segment: preallocated space nothing was written to
        }
        int end = seg.capacity();
        while (end > from && end - from >= Long.BYTES && seg.getLong(end - Long.BYTES) == 0) {
            end -= Long.BYTES;
        }
        while (end > from && seg.get(end - 1) == 0) {
            end--;
        }
        return end;
    }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

    private static boolean allZero(ByteBuffer seg, int from) {
        for (int at = from; at < seg.capacity(); at += ZEROS.capacity()) {
            int n = Math.min(ZEROS.capacity(), seg.capacity() - at);
            if (seg.slice(at, n).mismatch(ZEROS.slice(0, n)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int crc(ByteBuffer seg, int pos, int len) {
        CRC32C crc = new CRC32C();
        crc.update(seg.slice(pos + 8, 9 + len));
        return (int) crc.getValue();
    }
}
