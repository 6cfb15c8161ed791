package dev.encore.control.osc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recent {@code req:<id>} requests for {@value #WINDOW_MS} ms, so a controller that
 * resends a command over UDP because the reply was lost gets the same reply again instead of a
 * second save or delete. Bounded to {@value #MAX_ENTRIES} requests; the oldest go first.
 */
final class RequestCache {
    static final long WINDOW_MS = 10_000;
    static final int MAX_ENTRIES = 1024;

    enum Status { NEW, RUNNING, ANSWERED }

    /** One remembered request; its reply is set once the handler answers. */
    static final class Entry {
        private final Instant firstSeen;
        private OscPacket.Message reply;

        private Entry(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    /** What {@link #begin} found: a new request to run, one still running, or its earlier reply. */
    record Lookup(Status status, Entry entry, OscPacket.Message reply) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    RequestCache(Clock clock) {
        this.clock = clock;
    }

    synchronized Lookup begin(String key) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofMillis(WINDOW_MS));
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().firstSeen.isAfter(cutoff)) {
                break;
            }
            it.remove();
        }
        Entry known = entries.get(key);
        if (known != null) {
            return known.reply == null
                    ? new Lookup(Status.RUNNING, known, null)
                    : new Lookup(Status.ANSWERED, known, known.reply);
        }
        if (entries.size() >= MAX_ENTRIES) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
        Entry fresh = new Entry(now);
        entries.put(key, fresh);
        return new Lookup(Status.NEW, fresh, null);
    }

    synchronized void complete(Entry entry, OscPacket.Message reply) {
        entry.reply = reply;
    }

    synchronized int size() {
        return entries.size();
    }
}
