package dev.encore.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A laptop whose journal differs from its primary's starts over as an empty follower: its journal
 * segments and index images are copied into {@code diverged-<time>/} in the data folder (forced;
 * nothing is removed before its copy is durable), the images are removed, the journal becomes an
 * empty new generation and the state empties, so the primary's records come in from the first.
 * Audio stays where it is: it is content-addressed, the primary sends only what is missing, and
 * what no record names any more is never collected. Opened as a data folder of its own,
 * {@code diverged-<time>/} shows the sessions as this laptop had them.
 */
final class StartOver {
    static final String PREFIX = "diverged-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private StartOver() {
    }

    /** Under the store's lock; returns the folder the old journal and images are in. */
    static Path run(Disk disk, StoreState state, Journal journal, Checkpoints checkpoints, Instant now) throws IOException {
        Path journalDir = journal.dir();
        Path dataDir = journalDir.getParent();
        Path aside = dataDir.resolve(PREFIX + STAMP.format(now));
        for (int n = 2; !disk.list(aside).isEmpty(); n++) {
            aside = dataDir.resolve(PREFIX + STAMP.format(now) + "-" + n);
        }
        Path asideJournal = aside.resolve(Journal.DIR);
        Path asideIndex = aside.resolve(IndexImage.DIR);
        disk.createDirectories(asideJournal);
        disk.createDirectories(asideIndex);
        for (String name : disk.list(journalDir)) {
            copy(disk, journalDir.resolve(name), asideJournal.resolve(name));
        }
        java.util.List<Path> images = IndexImage.images(dataDir, disk);
        for (Path image : images) {
            copy(disk, image, asideIndex.resolve(image.getFileName().toString()));
        }
        disk.syncDirectory(asideJournal);
        disk.syncDirectory(asideIndex);
        disk.syncDirectory(aside);
        disk.syncDirectory(dataDir);
        for (Path image : images) {
            disk.delete(image); // an image would make the next start skip the records that are coming
        }
        if (!images.isEmpty()) {
            disk.syncDirectory(dataDir.resolve(IndexImage.DIR)); // a young folder has no image (nor its folder) yet
        }
        journal.restartEmpty();
        StateRecord.decode(StateRecord.encode(new StoreState()), state);
        state.everNamed.clear();
        state.appliedSeq = 0;
        checkpoints.forget();
        return aside;
    }

    private static void copy(Disk disk, Path from, Path to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = disk.openRead(from); Disk.WriteHandle out = disk.create(to)) {
            long at = 0;
            for (int n = in.read(buffer, at); n > 0; n = in.read(buffer, at)) {
                at += n;
                buffer.flip();
                out.write(buffer);
                buffer.clear();
            }
            out.force();
        }
    }
}
