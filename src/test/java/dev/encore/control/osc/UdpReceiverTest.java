package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.CommandHandler;
import dev.encore.control.Reply;
import dev.encore.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UDP listener under hostile input: the server must keep answering, its memory and its log stay bounded. */
class UdpReceiverTest {
    private static final int DATAGRAMS = 10_000;
    private static final int SYNC_EVERY = 20;
    private static final long HEAP_GROWTH_LIMIT_BYTES = 32L << 20;
    private static final List<String> ADDRESSES = List.of("/encore/save", "/encore/save_copy", "/encore/open",
            "/encore/next", "/encore/prev", "/encore/rename", "/encore/delete", "/encore/param/mix/level",
            "/encore/track/trim", "/encore/list", "/encore/sync");

    private final ManualClock clock = new ManualClock(Instant.now());
    private final AtomicInteger handled = new AtomicInteger();
    private final CommandHandler countingEngine = (command, reply) -> {
        handled.incrementAndGet();
        reply.accept(new Reply.Ok("ok"));
    };
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler warningCounter = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Small enough that hostile strings fall on both sides of it within one UDP datagram. */
    private static final int MAX_PACKET_BYTES = 8192;
    private final Random random = new Random(20_261_124L);
    private UdpProbe controller;
    private JavaOscServer server;

    @BeforeEach
    void start() throws Exception {
        Logger.getLogger("").addHandler(warningCounter);
        controller = new UdpProbe();
        server = new JavaOscServer(OscConfigs.maxPacketBytes(OscConfig.defaults().withBindHost("127.0.0.1").withPort(0)
                .withReplyPort(controller.port()).withHeartbeatInterval(Duration.ZERO), MAX_PACKET_BYTES),
                clock);
        server.start(countingEngine, seq -> new Heartbeat("saved", 0, false));
    }

    @AfterEach
    void stop() {
        server.stop();
        controller.close();
        Logger.getLogger("").removeHandler(warningCounter);
    }

    @Test
    void tenThousandHostileDatagramsLeaveTheServerAnsweringWithBoundedMemoryAndLog() throws Exception {
        ping("warm-up");
        long heapBefore = usedHeapAfterGc();

        for (int i = 1; i <= DATAGRAMS; i++) {
            controller.send(server.port(), hostileDatagram());
            if (i % SYNC_EVERY == 0) {
                ping("sync-" + i);
            }
        }
        ping("after");

        long growth = usedHeapAfterGc() - heapBefore;
        assertTrue(growth < HEAP_GROWTH_LIMIT_BYTES, "heap grew by " + (growth >> 20) + " MB");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("encore-osc-udp-" + server.port())));
        assertTrue(server.subscriberCount() <= Subscribers.MAX_SUBSCRIBERS);
        assertTrue(server.rememberedRequestCount() <= RequestCache.MAX_ENTRIES);
        assertTrue(server.pendingBundleCount() <= CommandIntake.MAX_PENDING_BUNDLES);
        assertTrue(handled.get() > DATAGRAMS / 20, "well-formed commands among the noise still ran: " + handled.get());
        long osclibWarnings = warnings.stream().filter(r -> r.getLoggerName().startsWith("com.illposed")).count();
        assertEquals(0, osclibWarnings, "JavaOSC itself logged nothing");
        assertTrue(warnings.size() < 60, "bad packets were logged rate-limited, not one line each: " + warnings.size());
    }

    /** Sends a ping with a request id until its reply arrives; repeats are answered from the cache. */
    private void ping(String id) throws Exception {
        byte[] ping = OscBytes.message("/encore/ping", "req:" + id);
        for (int attempt = 0; attempt < 30; attempt++) {
            controller.send(server.port(), ping);
            long deadline = System.currentTimeMillis() + 300;
            while (System.currentTimeMillis() < deadline) {
                OscBytes.Msg reply = controller.receive(200);
                if (reply != null && reply.args().contains("req:" + id)) {
                    assertEquals(List.of("/encore/ping", "ok", "req:" + id), reply.args());
                    return;
                }
            }
        }
        throw new AssertionError("the server stopped answering /encore/ping (" + id + ")");
    }

    private byte[] hostileDatagram() {
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random.nextInt(1500));
            case 1 -> truncate(validCommand());
            case 2 -> wrongTypeTags();
            case 3 -> hugeString();
            case 4 -> randomBundle(0);
            case 5 -> validCommand();
            case 6 -> flipBits(validCommand());
            default -> lyingBlob();
        };
    }

    private byte[] validCommand() {
        List<Object> args = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            args.add(switch (random.nextInt(7)) {
                case 0 -> random.nextInt();
                case 1 -> random.nextFloat();
                case 2 -> "name-" + random.nextInt(100);
                case 3 -> random.nextLong();
                case 4 -> random.nextBoolean();
                case 5 -> randomBytes(random.nextInt(40));
                default -> null;
            });
        }
        if (random.nextBoolean()) {
            args.add("req:" + random.nextInt(5000));
        }
        return OscBytes.message(ADDRESSES.get(random.nextInt(ADDRESSES.size())), args.toArray());
    }

    private byte[] wrongTypeTags() {
        String tagAlphabet = "ifsbhdtcrmTFNIS[]xyz?,\u00e9";
        StringBuilder tags = new StringBuilder(",");
        for (int i = random.nextInt(12); i > 0; i--) {
            tags.append(tagAlphabet.charAt(random.nextInt(tagAlphabet.length())));
        }
        byte[] head = OscBytes.message("/encore/open");
        byte[] tagBytes = OscBytes.message(tags.toString());
        return OscBytes.concat(Arrays.copyOf(head, 16), tagBytes, randomBytes(random.nextInt(64)));
    }

    private byte[] hugeString() {
        String text = "s".repeat(1 + random.nextInt(MAX_PACKET_BYTES + 2000));
        byte[] message = OscBytes.message("/encore/rename", text);
        return random.nextBoolean() ? message : Arrays.copyOf(message, message.length - 4);
    }

    private byte[] randomBundle(int depth) {
        long timeTag = switch (random.nextInt(4)) {
            case 0 -> OscPacket.IMMEDIATELY;
            case 1 -> OscBytes.ntp(clock.instant().plusMillis(random.nextInt(4000) - 2000));
            default -> random.nextLong();
        };
        List<byte[]> elements = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            int kind = random.nextInt(4);
            elements.add(kind == 0 && depth < 10 ? randomBundle(depth + 1)
                    : kind == 1 ? randomBytes(4 * random.nextInt(20)) : validCommand());
        }
        byte[] bundle = OscBytes.bundle(timeTag, elements.toArray(new byte[0][]));
        if (random.nextInt(4) == 0 && bundle.length > 20) {
            bundle[16 + random.nextInt(4)] = (byte) random.nextInt(256);
        }
        return bundle;
    }

    private byte[] lyingBlob() {
        byte[] message = OscBytes.message("/encore/param/x", randomBytes(8), 1);
        int blobLength = message.length - 16;
        message[blobLength] = (byte) random.nextInt(256);
        return message;
    }

    private byte[] truncate(byte[] packet) {
        return Arrays.copyOf(packet, random.nextInt(packet.length));
    }

    private byte[] flipBits(byte[] packet) {
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return packet;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
