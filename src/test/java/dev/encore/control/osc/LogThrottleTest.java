package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogThrottleTest {
    private static final String LOGGER = "dev.encore.control.osc.LogThrottleTest.flood";
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final LogThrottle throttle;

    LogThrottleTest() {
        Logger.getLogger(LOGGER).addHandler(capture);
        throttle = new LogThrottle(LoggerFactory.getLogger(LOGGER));
    }

    @AfterEach
    void detach() {
        Logger.getLogger(LOGGER).removeHandler(capture);
    }

    @Test
    void floodOfOneKindOfProblemIsOneLogLinePerWindow() {
        for (int i = 0; i < 1000; i++) {
            throttle.warn("malformed", "Dropped packet {}", i);
        }
        throttle.warn("oversize", "Dropped a big one");
        assertEquals(2, records.size());
        assertEquals("Dropped packet 0", records.get(0).getMessage());
        assertEquals("Dropped a big one", records.get(1).getMessage(), "another kind of problem is still reported");
    }

    @Test
    void eachRefusedAddressIsLoggedOnceEvenWhenSeveralArriveTogether() {
        for (int i = 0; i < 100; i++) {
            throttle.once("denied 203.0.113.9", "Ignoring OSC from {}", "203.0.113.9");
            throttle.once("denied 203.0.113.10", "Ignoring OSC from {}", "203.0.113.10");
        }
        assertEquals(List.of("Ignoring OSC from 203.0.113.9", "Ignoring OSC from 203.0.113.10"),
                records.stream().map(LogRecord::getMessage).toList());
    }
}
