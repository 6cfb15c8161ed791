package dev.encore.control.osc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Keeps a flood of bad packets from flooding the log: at most one warning per kind of problem per
 * window, with a count of the lines it held back, and "once per sender" notes in a bounded memory.
 */
final class LogThrottle {
    static final long WINDOW_MS = 10_000;
    private static final int MAX_REMEMBERED_KEYS = 1024;

    private final Logger log;
    private final Map<String, long[]> windows = new LinkedHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_KEYS;
        }
    };

    LogThrottle(Logger log) {
        this.log = log;
    }

    /** Logs a warning unless one of the same kind was logged within the window. */
    void warn(String kind, String format, Object... args) {
        long now = System.nanoTime();
        long suppressed;
        synchronized (this) {
            long[] window = windows.computeIfAbsent(kind, k -> new long[] {now - TimeUnit.MILLISECONDS.toNanos(WINDOW_MS) - 1, 0});
            if (now - window[0] <= TimeUnit.MILLISECONDS.toNanos(WINDOW_MS)) {
                window[1]++;
                return;
            }
            suppressed = window[1];
            window[0] = now;
            window[1] = 0;
        }
        String line = suppressed == 0 ? format : format + " (" + suppressed + " similar held back)";
        log.warn(line, args);
    }

    /** Logs a warning the first time {@code key} is seen (among the last {@value #MAX_REMEMBERED_KEYS} keys). */
    void once(String key, String format, Object... args) {
        if (firstTime(key)) {
            log.warn(format, args);
        }
    }

    synchronized boolean firstTime(String key) {
        return seen.put(key, Boolean.TRUE) == null;
    }
}
