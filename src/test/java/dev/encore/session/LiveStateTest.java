package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    private static Track track(String id) {
        return new Track(id, null, AssetId.of("0123456789abcdef0123456789abcdef"), Map.of(), new Trim(0, 1),
                id + ".wav", 48_000, 2, 96_000, false);
    }

    @Test
    void incrementalSignatureEqualsTheSignatureOfTheSnapshot() {
        LiveState live = new LiveState();
        live.param("/mix/gain").set(0.5);
        live.param("/fx/delay").set(120);
        live.setParam("/label", TextNode.valueOf("Intro"));
        live.setParam("/on", BooleanNode.TRUE);
        live.selectFixture("demo-1");
        live.addTrack(track("t1"));
        live.setStems(new StemOverlay(SourceMode.VOCALS, Map.of("vocals", 0.8)));

        assertEquals(Signature.of(live.snapshot()), live.signature());
    }

    @Test
    void changingAValueAndBackRestoresTheSignature() {
        LiveState live = new LiveState();
        ParamHandle gain = live.param("/mix/gain");
        gain.set(0.5);
        long before = live.signature();

        gain.set(0.9);
        assertNotEquals(before, live.signature());
        gain.set(0.5);
        assertEquals(before, live.signature());
    }

    @Test
    void signatureDoesNotDependOnTheOrderOfChanges() {
        LiveState a = new LiveState();
        a.param("/x").set(1);
        a.param("/y").set(2);
        LiveState b = new LiveState();
        b.param("/y").set(2);
        b.param("/x").set(1);

        assertEquals(a.signature(), b.signature());
        assertEquals(a.snapshot(), b.snapshot());
    }

    @Test
    void aNonNumericValueReplacesANumericOneAndBack() {
        LiveState live = new LiveState();
        live.param("/mode").set(3);
        live.setParam("/mode", TextNode.valueOf("loop"));
        assertEquals(TextNode.valueOf("loop"), live.snapshot().params().get("/mode"));
        assertEquals(Signature.of(live.snapshot()), live.signature());

        live.param("/mode").set(4);
        assertEquals(DoubleNode.valueOf(4), live.snapshot().params().get("/mode"));
        assertEquals(Signature.of(live.snapshot()), live.signature());
    }

    @Test
    void multiValueArgumentsAreKeptAsOneImmutableValue() {
        LiveState live = new LiveState();
        var args = JsonNodeFactory.instance.arrayNode().add(1).add("a");
        live.setParam("/xy", args);
        args.add("changed later");

        assertEquals(2, live.paramValue("/xy").size());
    }

    @Test
    void removingAParameterTakesItOutOfTheSnapshot() {
        LiveState live = new LiveState();
        long empty = live.signature();
        live.param("/gain").set(1);
        live.setParam("/gain", null);

        assertNull(live.paramValue("/gain"));
        assertTrue(live.snapshot().params().isEmpty());
        assertEquals(empty, live.signature());
    }

    @Test
    void replacingTheLiveStateKeepsHandlesValid() {
        LiveState live = new LiveState();
        ParamHandle gain = live.param("/gain");
        gain.set(0.1);
        live.param("/other").set(7);

        live.replace(new Snapshot(Map.of("/gain", DoubleNode.valueOf(0.75)), "f2", null, null));

        assertEquals(0.75, gain.get());
        assertEquals(Map.of("/gain", DoubleNode.valueOf(0.75)), live.snapshot().params());
        assertEquals("f2", live.scene().fixture());
        assertEquals(Signature.of(live.snapshot()), live.signature());
    }

    @Test
    void aTrackOutsideTheListIsABadArgument() {
        LiveState live = new LiveState();
        EncoreException e = assertThrows(EncoreException.class, () -> live.removeTrack(0));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
    }

    @Test
    void concurrentWritersLeaveTheSignatureEqualToTheValues() throws Exception {
        LiveState live = new LiveState();
        ParamHandle[] handles = new ParamHandle[8];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = live.param("/p" + i);
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int seed = w;
            writers[w] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    handles[(i + seed) % handles.length].set((i * 31 + seed) % 17);
                }
            });
            writers[w].start();
        }
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }

        assertEquals(Signature.of(live.snapshot()), live.signature());
    }

    @Test
    void oneMillionNumericUpdatesAllocateUnderOneKilobyte() {
        LiveState live = new LiveState();
        ParamHandle gain = live.param("/mix/gain");
        ParamHandle pan = live.param("/mix/pan");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            gain.set(i * 0.001);
            pan.set(-i * 0.001);
        }
        long versionBefore = live.version();

        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 500_000; i++) {
            gain.set(i * 0.001);
            pan.set(-i * 0.001);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;

        assertTrue(allocated < 1024, "1,000,000 updates allocated " + allocated + " bytes");
        assertEquals(versionBefore + 1_000_000, live.version(), "every update was counted as a change");
        assertEquals(Signature.of(live.snapshot()), live.signature());
    }
}
