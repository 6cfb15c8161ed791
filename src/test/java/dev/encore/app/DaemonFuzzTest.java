package dev.encore.app;

import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed hostile traffic of every shape seen against the daemon, over real UDP and TCP for
 * a bounded time, then a performer's save, open and next must still be answered, the engine thread
 * alive and the heap bounded.
 */
class DaemonFuzzTest {
    private static final long FLOOD_MS = 6_000;
    private static final int MAX_PACKETS = 30_000;
    private static final long MAX_HEAP_GROWTH_BYTES = 96L << 20;

    @TempDir
    Path dir;

    private final Random random = new Random(20261201);

    @Test
    void mixedHostileTrafficLeavesSaveOpenAndNextAnsweringAndTheHeapBounded() throws Exception {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "session:\n  wrap: true\n");
                OscClient attacker = new OscClient()) {
            OscClient osc = stage.client;
            int port = stage.daemon().oscPort();
            attacker.to(port);
            assertOk(osc.request("/encore/param/mix/gain", 0.2f));
            assertOk(osc.request("/encore/save", "One"));
            assertOk(osc.request("/encore/save_copy", "Two"));
            osc.drain();
            long heapBefore = usedHeapAfterGc();

            List<Socket> tcp = new ArrayList<>();
            long started = System.currentTimeMillis();
            long deadline = started + FLOOD_MS;
            int sent = 0;
            try {
                while (System.currentTimeMillis() < deadline && sent < MAX_PACKETS) {
                    if (sent % 500 == 0 && tcp.size() < 40) {
                        tcp.add(hostileTcp(port));
                    }
                    attacker.sendRaw(hostilePacket());
                    sent++;
                    if (sent % 200 == 0) {
                        osc.drain();
                        attacker.drain();
                    }
                }
            } finally {
                for (Socket s : tcp) {
                    s.close();
                }
            }
            long floodMs = System.currentTimeMillis() - started;
            osc.drain();

            Message saved = answered(osc, "/encore/save", "after-save");
            assertEquals("/encore/reply", saved.address(), saved.toString());
            assertOk(answered(osc, "/encore/open", "after-open", "One"));
            Message next = answered(osc, "/encore/next", "after-next");
            assertOk(next);
            assertTrue(((String) next.arg(1)).startsWith("Opened 'Two'"), next.toString());
            assertNull(stage.daemon().engine().failure(), "the engine thread is alive");
            long growth = usedHeapAfterGc() - heapBefore;
            System.out.printf("Fuzz: %d hostile packets and %d TCP connections in %d ms; heap growth %d MB%n",
                    sent, tcp.size(), floodMs, growth >> 20);
            assertTrue(growth < MAX_HEAP_GROWTH_BYTES, "heap grew by " + (growth >> 20) + " MB after " + sent + " packets");
            assertTrue(sent > 1_000, "the flood sent " + sent + " packets");
        }
    }

    /**
     * The answer to this very command, told apart from answers to the flood by its request id. Sent
     * again every quarter second, as a controller does on UDP, since the flood may still fill the
     * daemon's receive buffer; the daemon runs a repeated request id once.
     */
    private static Message answered(OscClient osc, String address, String id, Object... args) throws IOException {
        Object[] withId = java.util.Arrays.copyOf(args, args.length + 1);
        withId[args.length] = "req:" + id;
        for (int attempt = 0; attempt < 80; attempt++) {
            osc.send(address, withId);
            Message answer = osc.poll(m -> (m.address().equals("/encore/reply") || m.address().equals("/encore/error"))
                    && m.args().contains("req:" + id), 250);
            if (answer != null) {
                return answer;
            }
        }
        throw new AssertionError(address + " was not answered within 20 s of retries");
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** A TCP connection that sends nothing, half a frame, or garbage. */
    private Socket hostileTcp(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        OutputStream out = socket.getOutputStream();
        switch (random.nextInt(3)) {
            case 0 -> { }
            case 1 -> out.write(new byte[] {(byte) 0xC0, '/', 'e', 'n', 'c'});
            default -> out.write(randomBytes(64));
        }
        return socket;
    }

    private byte[] hostilePacket() {
        return switch (random.nextInt(16)) {
            case 0 -> OscClient.encode("/encore/param/huge", "x".repeat(20_000 + random.nextInt(40_000)));
            case 1 -> OscClient.encode("/encore/param/unique/" + random.nextInt(6_000), "t".repeat(random.nextInt(200)));
            case 2 -> RawOsc.bundle(Collections.nCopies(2_000, OscClient.encode("/encore/sync")));
            case 3 -> RawOsc.bundle(Collections.nCopies(1_500, OscClient.encode("/encore/save_copy")));
            case 4 -> RawOsc.message("/encore/param/a b", "f", ByteBuffer.allocate(4).putFloat(1).array());
            case 5 -> RawOsc.message("/encore/param/x//y", "f", ByteBuffer.allocate(4).putFloat(1).array());
            case 6 -> invalidUtf8Rename();
            case 7 -> RawOsc.message("/encore/rename", "mrtI", new byte[16]);
            case 8 -> OscClient.encode("/encore/param/big", random.nextLong());
            case 9 -> OscClient.encode("/encore/delete", "confirm");
            case 10 -> OscClient.encode("/encore/save", "\u202Enot a name " + random.nextInt());
            case 11 -> OscClient.encode("/encore/save_copy", "   ");
            case 12 -> randomBytes(1 + random.nextInt(400));
            case 13 -> truncate(OscClient.encode("/encore/open", "One"));
            case 14 -> OscClient.encode(random.nextBoolean() ? "/encore/list" : "/encore/ping");
            default -> OscClient.encode("/encore/param/" + "p".repeat(300), 1.0f);
        };
    }

    private static byte[] invalidUtf8Rename() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RawOsc.padded(text, new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
        return RawOsc.message("/encore/rename".getBytes(StandardCharsets.US_ASCII), "s", text.toByteArray());
    }

    private byte[] truncate(byte[] packet) {
        byte[] cut = new byte[1 + random.nextInt(packet.length - 1)];
        System.arraycopy(packet, 0, cut, 0, cut.length);
        return cut;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
