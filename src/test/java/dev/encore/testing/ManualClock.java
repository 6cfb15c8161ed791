package dev.encore.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test advances it, so windows, debounces and expiry run without sleeping. */
public final class ManualClock extends Clock {
    private volatile long millis;

    /** Starts at the current wall-clock time. */
    public ManualClock() {
        this(Instant.now());
    }

    public ManualClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advance(long ms) {
        millis += ms;
    }

    public void advance(Duration by) {
        advance(by.toMillis());
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
