package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process owns a data folder: an exclusive OS lock on {@code encore.lock} for the whole life
 * of the store, with the holder's pid, host, start time and OSC port written inside so that a
 * second daemon, a rebuild or any command-line tool can say who has it. The OS drops the lock when
 * the holder dies, however it dies, so a stale lock file is simply taken over.
 */
public final class FolderLock implements AutoCloseable {
    static final String FILE = "encore.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private static final Map<Path, FolderLock> HELD = new ConcurrentHashMap<>();

    private final String started = Instant.now().toString();
    private volatile String text = "";

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock or refuses at once with {@link Reason#BUSY} naming the holder. */
    static FolderLock acquire(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE);
        // POSIX drops every lock a process holds on a file when any of its descriptors of that file
        // is closed, so a second open in this JVM must be refused before it opens the file at all.
        FolderLock mine = HELD.get(file);
        if (mine != null) {
            throw busy(dataDir, mine.text);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(ch);
            if (lock == null) {
                String holder = holder(file);
                ch.close();
                throw busy(dataDir, holder);
            }
            FolderLock held = new FolderLock(file, ch, lock);
            if (HELD.putIfAbsent(file, held) != null) {
                held.release();
                throw busy(dataDir, HELD.get(file).text);
            }
            held.describe(-1);
            return held;
        } catch (IOException e) {
            closeQuietly(ch);
            throw StorageFailure.of(e, "locking the data folder " + dataDir);
        }
    }

    /** The lock on {@code ch}'s file, or null when another holds it (a process, or this JVM through another channel). */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static EncoreException busy(Path dataDir, String holder) {
        return new EncoreException(Reason.BUSY, "The data folder " + dataDir + " is in use by another Encore ("
                + holder + "). Stop that one first, or use another --data folder.");
    }

    /** Rewrites who holds the lock, now with the OSC port it answers on ({@code -1}: none). */
    public void describe(int oscPort) {
        this.text = "pid " + ProcessHandle.current().pid() + " on " + host() + ", started " + started
                + (oscPort > 0 ? ", OSC port " + oscPort : "");
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((this.text + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // The lock itself holds; only the description for the next one is missing.
        }
    }

    /**
     * What the lock file says about the process that holds the folder now, or empty when none does
     * (no lock file, or one a process that ended left behind). Writes nothing: the file is not
     * created, and a lock that is free is taken for an instant and let go.
     */
    public static java.util.Optional<String> holderOf(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE);
        FolderLock mine = HELD.get(file);
        if (mine != null) {
            return java.util.Optional.of(mine.text); // this JVM: opening the file again would drop the lock
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = tryLock(ch);
            if (probe == null) {
                return java.util.Optional.of(holder(file));
            }
            probe.release();
            return java.util.Optional.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(holder(file));
        }
    }

    /** What the lock file says about its holder. */
    static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() {
        HELD.remove(file, this);
        release();
    }

    private void release() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static String host() {
        // Read rather than resolved: a name lookup can stall a start on a laptop with no network.
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: fall back to the environment.
        }
        String env = System.getenv("COMPUTERNAME");
        return env != null ? env : "this computer";
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }
}
