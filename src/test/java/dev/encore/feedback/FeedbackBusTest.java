package dev.encore.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FeedbackBusTest {

    @Test
    void eventsReachEverySinkInOrderOffThePublishingThread() throws Exception {
        List<FeedbackEvent> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (FeedbackBus bus = new FeedbackBus()) {
            bus.register(e -> {
                seen.add(e);
                threads.add(Thread.currentThread().getName());
            });
            for (int i = 0; i < 100; i++) {
                bus.publish(new FeedbackEvent.Progress("check", i / 100.0));
            }
            bus.drained().get(5, TimeUnit.SECONDS);
        }
        assertEquals(100, seen.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i / 100.0, ((FeedbackEvent.Progress) seen.get(i)).fraction());
        }
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() throws Exception {
        List<FeedbackEvent> seen = new CopyOnWriteArrayList<>();
        try (FeedbackBus bus = new FeedbackBus()) {
            bus.register(e -> {
                throw new IllegalStateException("broken controller");
            });
            bus.register(seen::add);
            bus.publish(new FeedbackEvent.Armed("delete", true));
            bus.publish(new FeedbackEvent.Armed("delete", false));
            bus.drained().get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of(new FeedbackEvent.Armed("delete", true), new FeedbackEvent.Armed("delete", false)), seen);
    }
}
