package dev.encore.testing;

import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A real local disk that counts every step that changes a file (create, write, force, rename,
 * folder sync, delete) and fails at step {@code n}: either as a crash (that step and every later
 * one throw {@link Crash}, and a write at the crash step lands only half its bytes, as a torn
 * write does) or as a full disk (that one step throws "No space left on device").
 */
public final class StepDisk implements Disk {
    /** Thrown where the process would have died. */
    public static final class Crash extends RuntimeException {
        Crash(int step) {
            super("crash at step " + step);
        }
    }

    public enum Mode { CRASH, FULL }

    private final Disk real = Disk.local();
    private final int failAt;
    private final Mode mode;
    private int steps;
    private boolean crashed;

    public StepDisk(int failAt, Mode mode) {
        this.failAt = failAt;
        this.mode = mode;
    }

    /** Steps counted so far. */
    public int steps() {
        return steps;
    }

    public boolean failed() {
        return crashed || steps >= failAt;
    }

    /** Returns true when this step must fail; a crash throws, a full disk is thrown by the caller. */
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

    private void after() {
        if (crashed) {
            throw new Crash(steps);
        }
    }

    @Override
    public WriteHandle create(Path file) throws IOException {
        step();
        after();
        WriteHandle out = real.create(file);
        return new WriteHandle() {
            @Override
            public void write(ByteBuffer src) throws IOException {
                if (step()) {
                    src.limit(src.position() + src.remaining() / 2);
                    out.write(src);
                    after();
                }
                out.write(src);
            }

            @Override
            public void force() throws IOException {
                step();
                after();
                out.force();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public PositionalHandle openInPlace(Path file) throws IOException {
        PositionalHandle out = real.openInPlace(file);
        return new PositionalHandle() {
            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                if (step()) {
                    src.limit(src.position() + src.remaining() / 2);
                    out.write(src, position);
                    after();
                }
                out.write(src, position);
            }

            @Override
            public void force() throws IOException {
                step();
                after();
                out.force();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        after();
        return real.openRead(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step();
        after();
        real.move(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        step();
        after();
        real.syncDirectory(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        step();
        after();
        real.delete(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        after();
        real.createDirectories(dir);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        after();
        return real.list(dir);
    }

    @Override
    public long size(Path file) throws IOException {
        after();
        return real.size(file);
    }
}
