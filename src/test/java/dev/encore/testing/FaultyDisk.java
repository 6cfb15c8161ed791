package dev.encore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A real local disk that starts failing on command, the way a full disk, a permission change or a
 * read-only remount fails: writes (and creating files) throw the IOException the test supplies.
 */
public final class FaultyDisk extends InterceptingDisk {
    private volatile Supplier<IOException> failure;
    private volatile long bytesUntilFailure = Long.MAX_VALUE;

    /** From now on, writes fail after {@code bytes} more bytes, with the given error. */
    public void failAfter(long bytes, Supplier<IOException> error) {
        this.bytesUntilFailure = bytes;
        this.failure = error;
    }

    public void heal() {
        this.failure = null;
        this.bytesUntilFailure = Long.MAX_VALUE;
    }

    public static IOException diskFull() {
        return new IOException("No space left on device");
    }

    @Override
    protected void beforeWrite(ByteBuffer src, Partial partial) throws IOException {
        if (failure != null) {
            if (bytesUntilFailure < src.remaining()) {
                bytesUntilFailure = 0;
                throw failure.get();
            }
            bytesUntilFailure -= src.remaining();
        }
    }

    @Override
    protected void beforeChange(String step) throws IOException {
        if (step.equals("create") && failure != null && bytesUntilFailure <= 0) {
            throw failure.get();
        }
    }
}
