package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCacheTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T20:00:00Z"));
    private final RequestCache cache = new RequestCache(clock);
    private final OscPacket.Message saved = new OscPacket.Message("/encore/reply", List.of("/encore/save", "saved"));

    @Test
    void requestIsNewThenRunningThenAnsweredWithItsReply() {
        RequestCache.Lookup first = cache.begin("a");
        assertEquals(RequestCache.Status.NEW, first.status());
        assertEquals(RequestCache.Status.RUNNING, cache.begin("a").status());
        cache.complete(first.entry(), saved);
        RequestCache.Lookup again = cache.begin("a");
        assertEquals(RequestCache.Status.ANSWERED, again.status());
        assertEquals(saved, again.reply());
    }

    @Test
    void requestIsForgottenAfterTheWindow() {
        cache.complete(cache.begin("a").entry(), saved);
        clock.advance(Duration.ofMillis(RequestCache.WINDOW_MS));
        assertEquals(RequestCache.Status.NEW, cache.begin("a").status());
    }

    @Test
    void cacheHoldsAtMostItsLimitAndForgetsTheOldest() {
        for (int i = 0; i <= RequestCache.MAX_ENTRIES; i++) {
            cache.begin("id" + i);
        }
        assertEquals(RequestCache.MAX_ENTRIES, cache.size());
        assertEquals(RequestCache.Status.NEW, cache.begin("id0").status());
        assertEquals(RequestCache.Status.RUNNING, cache.begin("id" + RequestCache.MAX_ENTRIES).status());
    }
}
