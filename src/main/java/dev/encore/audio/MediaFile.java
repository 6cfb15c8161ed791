package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * Opens a media file once for an import, so that nothing can make the import wait forever or read
 * something other than the file that was checked. Opening a named pipe (FIFO) blocks until someone
 * writes to it, and a file can be swapped for one after its path was checked; so the open runs on
 * its own thread with a timeout, and the opened channel itself is checked: it must hold bytes that
 * can be read at a position (a pipe, a device or a folder cannot) and still be the regular file that
 * was checked (same file key), else the import is refused with -14 naming the file.
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
     * Opens the regular file {@code file} for reading within {@link #OPEN_TIMEOUT} and checks the
     * opened channel; {@code watch} closes it when the import is stopped.
     */
    static FileChannel open(Path file, ReadWatch watch) {
        Object key = keyOf(file);
        watch.throwIfStopped();
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
            release(file, opening);
            Thread.currentThread().interrupt();
            throw watch.explain(new EncoreException(Reason.BUSY, "The import of " + file.getFileName() + " was stopped."));
        }
        watch.onStop(() -> closeQuietly(channel));
        try {
            checkOpened(file, channel, watch);
            if (!Objects.equals(keyOf(file), key)) {
                throw new EncoreException(Reason.UNSUPPORTED_AUDIO, file.getFileName() + " was replaced by another file"
                        + " while it was being imported; nothing was imported. Import it again once it stays put.");
            }
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        return channel;
    }

    /**
     * The check made on the opened channel, whatever its path now names: a regular file has a size
     * and gives its first bytes at position 0; a pipe has no size and cannot be read at a position,
     * a device has no size, a folder cannot be read.
     */
    static void checkOpened(Path file, FileChannel channel, ReadWatch watch) {
        long size;
        int first;
        try {
            size = channel.size();
            first = size > 0 ? WatchedInput.read(file, channel, watch, ByteBuffer.allocate(1), 0) : -1;
        } catch (IOException | EncoreException e) {
            throw watch.explain(notRegular(file));
        }
        if (size <= 0 || first <= 0) {
            throw watch.explain(size == 0 && Files.isRegularFile(file)
                    ? new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot import " + file.getFileName() + ": the file is empty.")
                    : notRegular(file));
        }
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
