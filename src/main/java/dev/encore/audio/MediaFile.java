package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a media file so that nothing can make an import wait forever. Opening a named pipe
 * (FIFO) blocks until someone writes to it, and a file can be swapped for one after its path was
 * checked; so the open runs on its own thread with a timeout, and the opened file must still be the
 * regular file that was checked (same file key), else the import is refused with -14.
 */
final class MediaFile {
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(2);
    private static final ExecutorService OPENER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "encore-open");
        thread.setDaemon(true);
        return thread;
    });

    private MediaFile() {
    }

    /** What a regular file is known by (device and inode where the system has them). */
    static Object keyOf(Path file) {
        BasicFileAttributes attributes = attributes(file);
        if (!attributes.isRegularFile()) {
            throw notRegular(file);
        }
        return attributes.fileKey() != null ? attributes.fileKey() : file;
    }

    /**
     * Opens {@code file} for reading within {@link #OPEN_TIMEOUT}; the file must be the regular file
     * {@code key} names.
     */
    static FileChannel open(Path file, Object key) {
        Future<FileChannel> opening = OPENER.submit(() -> FileChannel.open(file, StandardOpenOption.READ));
        FileChannel channel;
        try {
            channel = opening.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            release(file, opening);
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, file.getFileName() + " did not open within "
                    + OPEN_TIMEOUT.toSeconds() + " s: it is not a regular audio file (a pipe or a device?)."
                    + " Import a WAV, AIFF or compressed audio file; nothing was imported.");
        } catch (ExecutionException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Cannot read " + file + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoreException(Reason.BUSY, "The import of " + file.getFileName() + " was stopped.");
        }
        if (!Objects.equals(keyOf(file), key)) {
            closeQuietly(channel);
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, file.getFileName() + " was replaced by another file"
                    + " while it was being imported; nothing was imported. Import it again once it stays put.");
        }
        return channel;
    }

    /**
     * A thread stuck opening a pipe is let go by opening the pipe's other end, which completes both
     * opens at once (nothing is written); the channel it then gets is closed.
     */
    private static void release(Path file, Future<FileChannel> opening) {
        try {
            if (attributesNoFollow(file).isOther()) {
                FileChannel.open(file, StandardOpenOption.WRITE).close();
            }
        } catch (IOException | RuntimeException e) {
            // The thread stays blocked until the pipe gets a writer; it is a daemon thread.
        }
        try {
            closeQuietly(opening.get(100, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            opening.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributesNoFollow(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static EncoreException notRegular(Path file) {
        return new EncoreException(Reason.UNSUPPORTED_AUDIO, file.getFileName() + " is not a regular file (a folder,"
                + " a pipe or a device); import an audio file. Nothing was imported.");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Only read from; closing it loses nothing.
        }
    }
}
