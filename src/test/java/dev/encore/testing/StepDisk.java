package dev.encore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A real local disk that counts every step that changes a file (create, write, force, rename,
 * folder sync, delete) and fails at step {@code n}: either as a crash (that step and every later
 * one throw {@link Crash}, and a write at the crash step lands only half its bytes, as a torn
 * write does) or as a full disk (that one step throws "No space left on device").
 */
public final class StepDisk extends InterceptingDisk {
    /** Thrown where the process would have died. */
    public static final class Crash extends RuntimeException {
        Crash(int step) {
            super("crash at step " + step);
        }
    }

    public enum Mode { CRASH, FULL }

    private final int failAt;
    private final Mode mode;
    private int steps;
    private boolean crashed;

    public StepDisk(int failAt, Mode mode) {
        this.failAt = failAt;
        this.mode = mode;
    }

    public boolean failed() {
        return crashed || steps >= failAt;
    }

    @Override
    protected void beforeWrite(ByteBuffer src, Partial partial) throws IOException {
        if (step()) {
            ByteBuffer half = src.duplicate();
            half.limit(half.position() + half.remaining() / 2);
            partial.write(half);
            throw new Crash(steps);
        }
    }

    @Override
    protected void beforeChange(String step) throws IOException {
        if (step()) {
            throw new Crash(steps);
        }
    }

    @Override
    protected void beforeRead() {
        if (crashed) {
            throw new Crash(steps);
        }
    }

    /** Counts a step; true when it is the crash, thrown right away when it is a full disk or after a crash. */
    private boolean step() throws IOException {
        if (crashed) {
            throw new Crash(steps);
        }
        steps++;
        if (steps != failAt) {
            return false;
        }
        if (mode == Mode.CRASH) {
            crashed = true;
            return true;
        }
        throw new IOException("No space left on device");
    }
}
