package dev.encore.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a child process's output on a daemon thread (so the child never blocks on a full pipe)
 * and keeps only its last lines, which error messages quote.
 */
final class ProcessOutput {
    private static final int TAIL_LINES = 20;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    private ProcessOutput(InputStream stream, String name) {
        thread = new Thread(() -> drain(stream), name);
        thread.setDaemon(true);
        thread.start();
    }

    static ProcessOutput drain(InputStream stream, String name) {
        return new ProcessOutput(stream, name);
    }

    private void drain(InputStream stream) {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        try (stream) {
            int n;
            while ((n = stream.read(buf)) >= 0) {
                String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '\n' || c == '\r') {
                        keep(line);
                    } else if (line.length() < 1000) {
                        line.append(c);
                    }
                }
            }
        } catch (IOException ignored) {
            // The process went away; what was read so far is the tail.
        }
        keep(line);
    }

    private synchronized void keep(StringBuilder line) {
        if (line.length() > 0) {
            tail.addLast(line.toString());
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            line.setLength(0);
        }
    }

    /** The last lines seen, joined; waits briefly for the draining thread to finish. */
    String tail() {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return String.join("\n", tail);
        }
    }
}
