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
 * files ({@code journal/j0001-000001.seg}, ...; see {@link JournalFolder}). A commit is one
 * positional write into space that is already allocated and forced, then one {@code force(false)}
 * ({@link SegmentTail}): no rename, no folder sync, so a save costs about one fdatasync.
 *
 * <p>Opening scans every segment: records that check out are returned in order; damaged ones are
 * copied to {@code quarantine/} and skipped. Nothing here ever deletes or overwrites a byte that
 * holds a record. Not thread-safe: the store calls it under its lock.
 */
final class Journal implements AutoCloseable {
    static final String DIR = "journal";
    static final long DEFAULT_SEGMENT_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final Disk disk;
    private final long segmentBytes;
    private int generation = 1;
    /** Segment number to file name, in order. */
    private final TreeMap<Integer, String> segments = new TreeMap<>();
    /** Where each record lies: sequence number to segment name and offset. */
    private final Map<Long, Location> locations = new HashMap<>();
    private SegmentTail tail;
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
        this.tail = new SegmentTail(dir, disk);
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
        JournalFolder.InUse inUse = JournalFolder.inUse(j.dir, disk, readOnly);
        j.generation = inUse.generation();
        j.segments.putAll(inUse.segments());
        List<JournalEntry> entries = new ArrayList<>();
        List<String> damage = new ArrayList<>();
        List<JournalEntry> suspects = new ArrayList<>();
        long firstSeq = 0;
        for (Map.Entry<Integer, String> s : j.segments.entrySet()) {
            boolean last = s.getKey().equals(j.segments.lastKey());
            Path file = j.dir.resolve(s.getValue());
            SegmentScan.Result r;
            long size;
            try (FileChannel ch = disk.openRead(file)) {
                size = ch.size();
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
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
                j.tail = new SegmentTail(j.dir, disk, s.getValue(), s.getKey(), size, r.appendAt());
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

    /** Writes a record received from another journal under its own sequence number, forced; see {@link SessionStore#appendMirrored}. */
    long appendMirrored(long seq, RecordType type, byte[] payload) throws IOException {
        return write(seq, type, payload, true);
    }

    private long write(long seq, RecordType type, byte[] payload, boolean force) throws IOException {
        if (readOnly) {
            throw new IllegalStateException("This journal was opened read-only beside the Encore that holds the folder; nothing is appended.");
        }
        int bytes = SegmentScan.recordBytes(payload.length);
        if (!tail.fits(bytes)) {
            int number = segments.isEmpty() ? 1 : segments.lastKey() + 1;
            String name = JournalFolder.segmentName(generation, number);
            tail.startNext(name, number, Math.max(segmentBytes, SegmentScan.align(bytes)));
            segments.put(number, name);
        }
        ByteBuffer record = ByteBuffer.allocate(bytes);
        SegmentScan.encode(record, seq, type, payload);
        long at = tail.write(record, force);
        locations.put(seq, new Location(segments.get(tail.number()), at, bytes));
        bytesUsed += bytes;
        lastSeq = seq;
        return seq;
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
            return SegmentScan.readAt(ch, at.offset(), seq);
        } catch (IOException e) {
            LOG.warn("Could not read journal record {} from {}: {}", seq, at.segment(), e.toString());
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        tail.close();
    }

    /**
     * Replaces the journal by an empty new generation, as {@link #compact} does (crash-safe at every
     * step), whose sequence numbers start again from 1: a laptop that takes another journal's records
     * from the first. The caller has kept a copy of the segments.
     */
    void restartEmpty() throws IOException {
        compact(List.of());
        lastSeq = 0;
    }

    /** The folder the segments are in. */
    Path dir() {
        return dir;
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
        int next = JournalFolder.nextGeneration(dir, disk, generation);
        Journal fresh = new Journal(dir, disk, segmentBytes);
        fresh.generation = next;
        try {
            for (JournalEntry e : keep) {
                fresh.write(e.seq(), e.type(), e.payload(), false);
            }
            fresh.tail.force();
        } finally {
            fresh.close();
        }
        try {
            JournalFolder.markComplete(dir, disk, next);
        } catch (IOException e) {
            if (!JournalFolder.isComplete(dir, disk, next)) {
                throw e; // not switched: the old generation stays the one in use, here and at the next start
            }
            LOG.warn("Journal generation {} is in use, though marking it so ended with an error: {}", next, e.toString());
        }
        // Switched: from here on this journal is the new generation, whatever else fails.
        List<String> replaced = new ArrayList<>(segments.values());
        try {
            close();
        } catch (IOException e) {
            LOG.warn("Closing the replaced journal segment failed: {}", e.toString());
        }
        segments.clear();
        segments.putAll(fresh.segments);
        locations.clear();
        locations.putAll(fresh.locations);
        generation = next;
        lastSeq = Math.max(lastSeq, fresh.lastSeq);
        bytesUsed = fresh.bytesUsed;
        try {
            tail = segments.isEmpty() ? new SegmentTail(dir, disk) : fresh.tail.reopened(segments.get(fresh.tail.number()));
        } catch (IOException e) {
            tail = new SegmentTail(dir, disk); // the next record starts a segment of its own
            LOG.warn("The last segment of the new journal generation could not be opened to append ({}); the next record starts a new one",
                    e.toString());
        }
        try {
            JournalFolder.removeReplaced(dir, disk, replaced, next);
        } catch (IOException e) {
            LOG.warn("The replaced journal segments could not all be removed ({}); the next start removes them", e.toString());
        }
    }
}
