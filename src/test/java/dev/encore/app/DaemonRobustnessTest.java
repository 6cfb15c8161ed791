package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and unwelcome senders: the daemon keeps answering the controllers it should, and only them.
 * The flood reads its replies as it goes and pauses for a ping every 100 datagrams, as a controller
 * waiting for its reply would, so socket buffers rarely overflow; a lost ping is sent again.
 */
class DaemonRobustnessTest {
    private static final String[] ADDRESSES = {"/encore/open", "/encore/move", "/encore/rename", "/encore/next",
        "/encore/param/mix/gain", "/encore/param/fx/name", "/encore/track/trim", "/encore/stems/mode",
        "/encore/delete", "/encore/list", "/encore/nope", "/x"};
    private static final long HEAP_GROWTH_LIMIT_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void tenThousandHostileDatagramsLeaveTheDaemonAnsweringWithBoundedMemory() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/ping"));
            long before = heapAfterGc();
            Random random = new Random(20261124);
            for (int i = 0; i < 10_000; i++) {
                osc.sendRaw(hostile(random, i));
                osc.drain();
                if (i % 100 == 99) {
                    assertOk(osc.requestRetrying("/encore/ping", String.valueOf(i)));
                }
            }
            assertOk(osc.requestRetrying("/encore/ping", "after-the-flood"));
            osc.send("/encore/list");
            osc.await(m -> m.address().equals("/encore/list/end"));
            long growth = heapAfterGc() - before;
            assertTrue(growth < HEAP_GROWTH_LIMIT_BYTES, "heap grew by " + growth + " bytes");
        }
    }

    @Test
    void aSenderOutsideTheAllowListGetsNothingAndChangesNothing() throws IOException {
        OscClient allowed = new OscClient("127.0.0.2", 0);
        try (DaemonStage stage = new DaemonStage(dir, """
                osc:
                  host: 127.0.0.1
                  heartbeat_s: 0
                  allow: [127.0.0.2/32]
                """, List::of, allowed);
                OscClient stranger = new OscClient("127.0.0.1", allowed.port()).to(stage.daemon().oscPort())) {
            stranger.send("/encore/ping");
            stranger.send("/encore/param/mix/gain", 1.0f);
            stranger.send("/encore/save", "Intruder");
            allowed.send("/encore/list");
            Message end = allowed.await(m -> m.address().equals("/encore/list/end"));
            assertEquals(List.of(0), end.args(), "the stranger's save did not run");
            assertOk(allowed.request("/encore/ping"));
            assertEquals(List.of(), stranger.drain(), "the stranger got no reply and no push");
        }
    }

    private static void assertOk(Message reply) {
        assertEquals("/encore/reply", reply.address(), reply.toString());
    }

    /** Random bytes, truncated messages, lying type tags, huge strings and wrong argument types, in turn. */
    private static byte[] hostile(Random random, int i) {
        String address = ADDRESSES[random.nextInt(ADDRESSES.length)];
        return switch (i % 5) {
            case 0 -> {
                byte[] garbage = new byte[random.nextInt(1500)];
                random.nextBytes(garbage);
                yield garbage;
            }
            case 1 -> {
                byte[] whole = OscClient.encode(address, "song " + i, random.nextInt(), random.nextFloat());
                yield Arrays.copyOf(whole, random.nextInt(whole.length));
            }
            case 2 -> {
                byte[] message = OscClient.encode(address, random.nextInt(), "x");
                message[address.length() + 4 - address.length() % 4 + 1] = (byte) "sifdbhTF[N".charAt(random.nextInt(10));
                yield message;
            }
            case 3 -> OscClient.encode(address, "y".repeat(1000 + random.nextInt(60_000)));
            default -> OscClient.encode(address, random.nextBoolean(), random.nextLong(), new byte[random.nextInt(64)]);
        };
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
