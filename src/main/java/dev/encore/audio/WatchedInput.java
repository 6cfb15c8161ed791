package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The bytes of an opened media file from its start, read at explicit positions (the channel's own
 * position is left alone, so the copy of the original and the decoder share one open file) and
 * each read watched by the import's {@link ReadWatch}.
 */
final class WatchedInput extends InputStream {
    private final Path file;
    private final FileChannel channel;
    private final ReadWatch watch;
    private long position;

    WatchedInput(Path file, FileChannel channel, ReadWatch watch) {
        this.file = file;
        this.channel = channel;
        this.watch = watch;
    }

    /** Reads into {@code buf} at the channel position {@code at}; -1 at the end of the file. */
    static int read(Path file, FileChannel channel, ReadWatch watch, ByteBuffer buf, long at) {
        watch.readBegins();
        try {
            return channel.read(buf, at);
        } catch (IOException e) {
            throw watch.explain(new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "Cannot read " + file.getFileName() + ": " + e.getMessage() + ". Nothing was imported.", e));
        } finally {
            watch.readEnded();
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = read(file, channel, watch, ByteBuffer.wrap(b, off, len), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }
}
