package dev.encore.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real local disk whose {@code force} (fsync) can be held back: once {@link #hold} is called,
 * the next force on the named thread blocks, before it reaches the disk, until {@link #release()}; a test sees what the
 * writer has made visible while its data is not yet durable.
 */
public final class HoldingDisk extends InterceptingDisk {
    private volatile CountDownLatch held;
    private volatile String thread;
    private volatile CountDownLatch released = new CountDownLatch(0);

    /** From now on, the next force made on the thread named {@code threadName} waits for {@link #release()}. */
    public void hold(String threadName) {
        thread = threadName;
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits until a force is being held back; false when none came within {@code ms}. */
    public boolean awaitHeld(long ms) throws InterruptedException {
        return held.await(ms, TimeUnit.MILLISECONDS);
    }

    /** Lets the held force (and every later one) through. */
    public void release() {
        released.countDown();
    }

    @Override
    protected void beforeWrite(ByteBuffer src, Partial partial) {
    }

    @Override
    protected void beforeChange(String step) throws IOException {
        CountDownLatch h = held;
        if (step.equals("force") && h != null && h.getCount() > 0 && Thread.currentThread().getName().equals(thread)) {
            h.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the held force was interrupted");
            }
        }
    }
}
