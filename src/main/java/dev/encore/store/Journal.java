package dev.encore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of truth: an append-only sequence of checksummed records in preallocated segment
 * files ({@code journal/j0001-000001.seg}, ...). A commit is one positional write into space that
 * is already allocated and forced, then one {@code force(false)}: no rename, no folder sync, so a
 * save costs about one fdatasync. Segments are created (zeros, forced, renamed, folder synced)
 * when the last one is full.
 *
 * <p>Opening scans every segment: records that check out are returned in order; damaged ones are
 * copied to {@code quarantine/} and skipped. Nothing here ever deletes or overwrites a byte that
 * holds a record. Not thread-safe: the store calls it under its lock.
 */
final class Journal implements AutoCloseable {
    static final String DIR = "journal";
    static final long DEFAULT_SEGMENT_BYTES = 4L << 20;
    private static final String SUFFIX = ".seg";
    private static final String COMPLETE = ".complete";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final Disk disk;
    private final long segmentBytes;
    private int generation = 1;
    /** Segment number to file name, in order. */
    private final TreeMap<Integer, String> segments = new TreeMap<>();
    /** Where each record lies: sequence number to segment name and offset. */
    private final Map<Long, Location> locations = new HashMap<>();
    private Disk.PositionalHandle tail;
    private int tailNumber;
    private long tailSize;
    private long appendAt;
    private long lastSeq;
    private long bytesUsed;
    /** Opened beside the process that holds the folder: never writes, deletes or quarantines. */
    private boolean readOnly;

    private record Location(String segment, long offset, int bytes) {
    }

    /** What opening found: the records after the index's position, and every damaged stretch. */
    record Opened(Journal journal, List<JournalEntry> entries, List<String> damage, List<JournalEntry> suspects, long firstSeq) {
    }

    private Journal(Path dir, Disk disk, long segmentBytes) {
        this.dir = dir;
        this.disk = disk;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens (creating if needed) the journal in {@code dataDir}. Every record is checked; entries
     * with a sequence above {@code afterSeq} carry their payload. Damage is quarantined and named.
     */
    static Opened open(Path dataDir, Disk disk, long segmentBytes, long afterSeq, Quarantine quarantine) throws IOException {
        return open(dataDir, disk, segmentBytes, afterSeq, quarantine, false);
    }

    /**
     * As {@link #open(Path, Disk, long, long, Quarantine)}; {@code readOnly} reads the journal as it
     * is while its owner may be appending: nothing is created, deleted or quarantined, damage is
     * only named, a torn tail is a record being written right now, and every append is refused.
     */
    static Opened open(Path dataDir, Disk disk, long segmentBytes, long afterSeq, Quarantine quarantine, boolean readOnly)
            throws IOException {
        Journal j = new Journal(dataDir.resolve(DIR), disk, segmentBytes);
        j.readOnly = readOnly;
        if (!readOnly) {
            disk.createDirectories(j.dir);
        }
        List<String> unknown = new ArrayList<>();
        List<String> names = disk.list(j.dir);
        j.generation = activeGeneration(names);
        for (String name : names) {
            int n = number(name);
            int g = generationOf(name);
            if (n > 0 && g == j.generation) {
                j.segments.put(n, name);
            } else if (n > 0 && !readOnly) {
                j.finishCompaction(name, g, names);
            } else if (n > 0) {
                continue; // another generation: its owner finishes or ignores it
            } else if (name.endsWith(COMPLETE) || name.endsWith(SUFFIX + ".tmp") && generationOf(name) > j.generation) {
                continue;
            } else if (name.endsWith(SUFFIX + ".tmp") && readOnly) {
                continue; // a segment its owner is creating right now
            } else if (name.endsWith(SUFFIX + ".tmp")) {
                disk.delete(j.dir.resolve(name)); // a segment being created when the process stopped: only zeros
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.info("Left alone in {}: {} (not journal segments)", j.dir, unknown);
        }
        List<JournalEntry> entries = new ArrayList<>();
        List<String> damage = new ArrayList<>();
        List<JournalEntry> suspects = new ArrayList<>();
        long firstSeq = 0;
        for (Map.Entry<Integer, String> s : j.segments.entrySet()) {
            boolean last = s.getKey().equals(j.segments.lastKey());
            Path file = j.dir.resolve(s.getValue());
            SegmentScan.Result r;
            try (FileChannel ch = disk.openRead(file)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                r = SegmentScan.scan(map, s.getValue(), last, afterSeq);
                for (SegmentScan.Damage d : r.damage()) {
                    if (!readOnly) {
                        damage.add(quarantine.keep(s.getValue(), d, map));
                    } else if (!d.torn()) {
                        damage.add("A damaged record in journal segment " + s.getValue() + " at offset " + d.offset() + " (" + d.length()
                                + " bytes); skipped here, quarantined by the Encore that opens the folder for writing");
                    }
                }
                suspects.addAll(r.suspects());
                if (last) {
                    j.tailSize = ch.size();
                }
            }
            for (JournalEntry e : r.entries()) {
                if (e.seq() <= j.lastSeq) {
                    damage.add(s.getValue() + " offset " + e.offset() + ": record " + e.seq() + " repeats an earlier sequence number; skipped");
                    continue;
                }
                firstSeq = firstSeq == 0 ? e.seq() : firstSeq;
                j.lastSeq = e.seq();
                j.locations.put(e.seq(), new Location(s.getValue(), e.offset(), e.bytes()));
                if (e.payload() != null) {
                    entries.add(e);
                }
            }
            j.bytesUsed += r.appendAt();
            if (last && !readOnly) {
                j.tailNumber = s.getKey();
                j.appendAt = r.appendAt();
                j.tail = disk.openInPlace(file);
            }
        }
        return new Opened(j, entries, damage, suspects, firstSeq);
    }

    /** The sequence number of the last record (0 when empty). */
    long lastSeq() {
        return lastSeq;
    }

    /** Sequence numbers continue above {@code seq} (an index image may know of records the journal lost). */
    void continueAfter(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    /** Whether the journal holds the record with this sequence number. */
    boolean has(long seq) {
        return locations.containsKey(seq);
    }

    /** Bytes the records with these sequence numbers take in the journal. */
    long bytesOf(Iterable<Long> seqs) {
        long total = 0;
        for (long seq : seqs) {
            Location at = locations.get(seq);
            total += at == null ? 0 : at.bytes();
        }
        return total;
    }

    /** Bytes the segments hold up to their last record. */
    long bytesUsed() {
        return bytesUsed;
    }

    /**
     * Appends one record and forces it to disk; returns its sequence number once it is durable.
     * On failure nothing counts: the space is zeroed (as far as the disk allows) and reused.
     */
    long append(RecordType type, byte[] payload) throws IOException {
        return write(lastSeq + 1, type, payload, true);
    }

    private long write(long seq, RecordType type, byte[] payload, boolean force) throws IOException {
        if (readOnly) {
            throw new IllegalStateException("This journal was opened read-only beside the Encore that holds the folder; nothing is appended.");
        }
        int bytes = SegmentScan.recordBytes(payload.length);
        if (tail == null || appendAt + bytes > tailSize) {
            rotate(bytes);
        }
        ByteBuffer record = ByteBuffer.allocate(bytes);
        SegmentScan.encode(record, seq, type, payload);
        try {
            tail.write(record, appendAt);
            if (force) {
                tail.force();
            }
        } catch (IOException | RuntimeException e) {
            voidFailedWrite(bytes, e);
            throw e;
        }
        locations.put(seq, new Location(segments.get(tailNumber), appendAt, bytes));
        appendAt += bytes;
        bytesUsed += bytes;
        lastSeq = seq;
        return seq;
    }

    /** Writes a record received from another journal under its own sequence number, forced; see {@link SessionStore#appendMirrored}. */
    long appendMirrored(long seq, RecordType type, byte[] payload) throws IOException {
        return write(seq, type, payload, true);
    }

    /**
     * The sequence numbers of up to {@code max} records after {@code seq}, in order. Usually the
     * next record follows at once; after a compaction some numbers are gone, which costs one scan.
     */
    List<Long> seqsAfter(long seq, int max) {
        List<Long> out = new ArrayList<>();
        for (long next = seq + 1; out.size() < max && locations.containsKey(next); next++) {
            out.add(next);
        }
        if (out.size() < max && seq + out.size() < lastSeq) {
            long from = seq + out.size();
            locations.keySet().stream().filter(s -> s > from).sorted().limit(max - out.size()).forEach(out::add);
        }
        return out;
    }

    /** A record's type, read again from its header, or null when it is gone or damaged. */
    RecordType typeOf(long seq) {
        Location at = locations.get(seq);
        if (at == null) {
            return null;
        }
        try (FileChannel ch = disk.openRead(dir.resolve(at.segment()))) {
            ByteBuffer head = ByteBuffer.allocate(SegmentScan.HEADER);
            ch.read(head, at.offset());
            return RecordType.of(head.get(16));
        } catch (IOException e) {
            LOG.warn("Could not read journal record {} from {}: {}", seq, at.segment(), e.toString());
            return null;
        }
    }

    /** Reads a record's payload again, or null when it is gone or damaged since it was written. */
    byte[] read(long seq) {
        Location at = locations.get(seq);
        if (at == null) {
            return null;
        }
        try (FileChannel ch = disk.openRead(dir.resolve(at.segment()))) {
            int len = SegmentScan.HEADER;
            ByteBuffer head = ByteBuffer.allocate(len);
            ch.read(head, at.offset());
            int payload = head.getInt(0);
            if (payload <= 0 || at.offset() + SegmentScan.HEADER + payload > ch.size()) {
                return null;
            }
            ByteBuffer whole = ByteBuffer.allocate(SegmentScan.HEADER + payload);
            while (whole.hasRemaining() && ch.read(whole, at.offset() + whole.position()) >= 0) {
                // keep reading until the record is in
            }
            return SegmentScan.payloadAt(whole, 0, seq);
        } catch (IOException e) {
            LOG.warn("Could not read journal record {} from {}: {}", seq, at.segment(), e.toString());
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (tail != null) {
            tail.close();
            tail = null;
        }
    }

    private void voidFailedWrite(int bytes, Exception cause) {
        try {
            tail.write(ByteBuffer.allocate(Math.min(bytes, SegmentScan.HEADER)), appendAt);
            tail.force();
        } catch (IOException | RuntimeException again) {
            cause.addSuppressed(again);
            LOG.warn("A failed journal write at {} could not be cleared ({}); it was never acknowledged", appendAt, again.toString());
        }
    }

    /** Creates the next segment, large enough for a record of {@code bytes}: zeros, forced, then named. */
    private void rotate(int bytes) throws IOException {
        int number = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        String name = String.format("j%04d-%06d%s", generation, number, SUFFIX);
        long size = Math.max(segmentBytes, SegmentScan.align(bytes));
        Path file = dir.resolve(name);
        Path temp = dir.resolve(name + ".tmp");
        disk.delete(temp);
        try (Disk.WriteHandle out = disk.create(temp)) {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(size, 1 << 20));
            for (long left = size; left > 0; left -= zeros.capacity()) {
                zeros.clear().limit((int) Math.min(left, zeros.capacity()));
                out.write(zeros);
            }
            out.force();
        } catch (IOException | RuntimeException e) {
            disk.delete(temp);
            throw e;
        }
        disk.move(temp, file);
        disk.syncDirectory(dir);
        Disk.PositionalHandle next = disk.openInPlace(file);
        if (tail != null) {
            tail.force();
            tail.close();
        }
        tail = next;
        segments.put(number, name);
        tailNumber = number;
        tailSize = size;
        appendAt = 0;
    }

    /**
     * The generation in use: the newest one a compaction finished (its marker file exists), else
     * the oldest present (a compaction that did not finish leaves the one it copied from).
     */
    private static int activeGeneration(List<String> names) {
        int complete = 0;
        int oldest = Integer.MAX_VALUE;
        for (String name : names) {
            if (name.matches("j\\d{4}" + java.util.regex.Pattern.quote(COMPLETE))) {
                complete = Math.max(complete, Integer.parseInt(name.substring(1, 5)));
            } else if (number(name) > 0) {
                oldest = Math.min(oldest, generationOf(name));
            }
        }
        return complete > 0 ? complete : oldest == Integer.MAX_VALUE ? 1 : oldest;
    }

    /**
     * A segment of another generation: an older one that a finished compaction replaced is removed
     * (the step that compaction was about to take); a newer, unfinished copy is left for the next
     * compaction to write over under a new generation number, never read.
     */
    private void finishCompaction(String name, int g, List<String> names) throws IOException {
        boolean replaced = g < generation && names.contains(String.format("j%04d%s", generation, COMPLETE));
        if (replaced) {
            disk.delete(dir.resolve(name));
            LOG.info("Removed {}: a finished compaction replaced it", name);
        } else {
            LOG.info("Ignored {}: a copy an interrupted compaction began", name);
        }
    }

    private static int generationOf(String name) {
        return name.length() > 5 && name.charAt(0) == 'j' && Character.isDigit(name.charAt(1)) ? Integer.parseInt(name.substring(1, 5)) : -1;
    }

    /**
     * Replaces the journal by one that holds only {@code keep} (records with their original
     * sequence numbers, in order): written as a new generation, forced, marked complete, and only
     * then are the old segments removed. A crash at any step leaves one whole generation in use.
     */
    void compact(List<JournalEntry> keep) throws IOException {
        if (readOnly) {
            throw new IllegalStateException("This journal was opened read-only beside the Encore that holds the folder; it is not compacted.");
        }
        int next = generation + 1;
        for (String name : disk.list(dir)) {
            next = Math.max(next, generationOf(name) + 1);
        }
        Journal fresh = new Journal(dir, disk, segmentBytes);
        fresh.generation = next;
        try {
            for (JournalEntry e : keep) {
                fresh.appendAs(e.seq(), e.type(), e.payload());
            }
            if (fresh.tail != null) {
                fresh.tail.force();
            }
        } finally {
            fresh.close();
        }
        disk.writeAtomically(dir.resolve(String.format("j%04d%s", next, COMPLETE)), new byte[0]);
        close();
        for (String name : segments.values()) {
            disk.delete(dir.resolve(name));
        }
        for (String name : disk.list(dir)) {
            if (name.endsWith(COMPLETE) && generationOf(name) < next) {
                disk.delete(dir.resolve(name));
            }
        }
        disk.syncDirectory(dir);
        segments.clear();
        segments.putAll(fresh.segments);
        locations.clear();
        locations.putAll(fresh.locations);
        generation = next;
        lastSeq = Math.max(lastSeq, fresh.lastSeq);
        bytesUsed = fresh.bytesUsed;
        tailNumber = fresh.tailNumber;
        tailSize = fresh.tailSize;
        appendAt = fresh.appendAt;
        tail = segments.isEmpty() ? null : disk.openInPlace(dir.resolve(segments.get(tailNumber)));
    }

    private void appendAs(long seq, RecordType type, byte[] payload) throws IOException {
        write(seq, type, payload, false);
    }

    private static int number(String name) {
        if (!name.matches("j\\d{4}-\\d{6}\\.seg")) {
            return -1;
        }
        return Integer.parseInt(name.substring(6, 12));
    }
}
