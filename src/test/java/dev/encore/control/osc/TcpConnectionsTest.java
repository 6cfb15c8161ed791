package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import dev.encore.control.TcpFraming;
import dev.encore.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpConnectionsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T20:00:00Z"));
    private final RecordingHandler handler = new RecordingHandler();
    private JavaOscServer server;

    private JavaOscServer start(OscConfig config) {
        server = new JavaOscServer(config.withBindHost("127.0.0.1").withPort(0).withHeartbeatInterval(Duration.ZERO),
                clock);
        server.start(handler, seq -> new Heartbeat("saved", 2, false));
        return server;
    }

    private TcpProbe connect(TcpFraming framing) throws Exception {
        TcpProbe client = new TcpProbe(server.port(), framing);
        client.send(OscBytes.message("/encore/ping", "req:hello"));
        assertEquals("req:hello", client.receive().last(), "connection is up and answered");
        return client;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void slipFramedCommandGetsASlipFramedReplyOnItsConnection() throws Exception {
        start(OscConfig.defaults());
        byte[] awkward = {(byte) 0xC0, (byte) 0xDB, 0, (byte) 0xDC};
        handler.answer((command, reply) -> reply.accept(new Reply.Ok("stored", List.of(command.args().get(0)))));
        try (TcpProbe client = new TcpProbe(server.port(), TcpFraming.SLIP)) {
            client.send(OscBytes.message("/encore/param/blob", awkward, "req:t1"));

            OscBytes.Msg reply = client.receive();
            assertEquals("/encore/reply", reply.address());
            assertEquals(List.of("/encore/param/blob", "stored"), reply.args().subList(0, 2));
            assertArrayEquals(awkward, (byte[]) reply.arg(2), "bytes that SLIP must escape survive both ways");
            assertEquals("req:t1", reply.last());
            ControlCommand command = handler.next();
            assertTrue(command.origin().startsWith("osc-tcp:127.0.0.1:"), command.origin());
        }
    }

    @Test
    void sizePrefixedCommandGetsASizePrefixedReply() throws Exception {
        start(OscConfigs.framing(OscConfig.defaults(), TcpFraming.SIZE_PREFIX));
        try (TcpProbe client = new TcpProbe(server.port(), TcpFraming.SIZE_PREFIX)) {
            client.send(OscBytes.message("/encore/open", "Encore", "req:5"));

            assertEquals(new OscBytes.Msg("/encore/reply", List.of("/encore/open", "done #1", "req:5")), client.receive());
            assertEquals(List.of("Encore"), handler.next().args());
        }
    }

    @Test
    void aClientUsingTheOtherFramingIsClosedWithALogLineNamingTheMapSettingToWrite() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        try {
            start(OscConfig.defaults());
            try (TcpProbe liblo = new TcpProbe(server.port(), TcpFraming.SIZE_PREFIX)) {
                liblo.send(OscBytes.message("/encore/ping", "req:oscsend"));
                assertTrue(liblo.closedByServer(), "a size-prefixed client of a SLIP server is closed");
            }
            SimpleFormatter text = new SimpleFormatter();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.stream().noneMatch(r -> text.formatMessage(r).contains("set tcp_framing: size_prefix"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<String> lines = records.stream().map(text::formatMessage).filter(m -> m.contains("OSC TCP")).toList();
            assertTrue(lines.stream().anyMatch(m -> m.contains("set tcp_framing: size_prefix in the osc section of osc-map.yaml")),
                    lines.toString());
            assertTrue(lines.stream().noneMatch(m -> m.contains("set the OSC TCP framing")), lines.toString());
        } finally {
            root.removeHandler(recorder);
        }
    }

    @Test
    void pushesAndHeartbeatsReachEveryTcpClientButNotAnUnsubscribedOne() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe first = connect(TcpFraming.SLIP); TcpProbe second = connect(TcpFraming.SLIP)) {
            server.push("/encore/session", List.of("Encore", 3, 12));
            server.beat();
            assertEquals(new OscBytes.Msg("/encore/session", List.of("Encore", 3, 12)), first.receive());
            assertEquals(new OscBytes.Msg("/encore/session", List.of("Encore", 3, 12)), second.receive());
            assertEquals(new OscBytes.Msg("/encore/heartbeat", List.of(0, "saved", 2, 0)), first.receive());
            assertEquals("/encore/heartbeat", second.receive().address());

            second.send(OscBytes.message("/encore/unsubscribe"));
            assertEquals(List.of("/encore/unsubscribe", "unsubscribed"), second.receive().args());
            server.push("/encore/status", List.of("unsaved"));
            second.send(OscBytes.message("/encore/ping"));
            assertEquals("/encore/reply", second.receive().address(), "no push before the ping reply");
            assertEquals("/encore/status", first.receive().address());
        }
    }

    @Test
    void sendToReachesOnlyTheConnectionThatSentTheCommand() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe asking = connect(TcpFraming.SLIP); TcpProbe other = connect(TcpFraming.SLIP)) {
            asking.send(OscBytes.message("/encore/list"));
            asking.receive();
            handler.next();
            handler.next();
            ControlCommand list = handler.next();
            assertEquals("/encore/list", list.address());
            String origin = list.origin();

            assertTrue(server.send(origin, "/encore/list/end", List.of(0)));
            server.push("/encore/status", List.of("saved"));
            assertEquals(new OscBytes.Msg("/encore/list/end", List.of(0)), asking.receive());
            assertEquals("/encore/status", other.receive().address(), "the other client got the push, not the list");
        }
    }

    @Test
    void garbageFrameClosesOnlyThatConnection() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe broken = connect(TcpFraming.SLIP); TcpProbe healthy = connect(TcpFraming.SLIP);
                UdpProbe udp = new UdpProbe()) {
            byte[] garbage = new byte[200];
            new Random(5).nextBytes(garbage);
            garbage[0] = 'x';
            broken.sendRaw(OscBytes.slip(garbage));

            assertTrue(broken.closedByServer());
            healthy.send(OscBytes.message("/encore/ping", "req:still"));
            assertEquals("req:still", healthy.receive().last());
            udp.send(server.port(), OscBytes.message("/encore/subscribe", udp.port()));
            assertEquals("/encore/reply", udp.receive().address());
            assertEquals(1, server.tcpClientCount());
        }
    }

    @Test
    void badSlipEscapeClosesTheConnection() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe client = connect(TcpFraming.SLIP)) {
            client.sendRaw(new byte[] {(byte) 0xC0, '/', (byte) 0xDB, 'x', (byte) 0xC0});
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void oversizeFrameClosesTheConnection() throws Exception {
        start(OscConfigs.maxPacketBytes(OscConfigs.framing(OscConfig.defaults(), TcpFraming.SIZE_PREFIX), 1024));
        try (TcpProbe client = connect(TcpFraming.SIZE_PREFIX)) {
            client.send(OscBytes.message("/encore/rename", "y".repeat(2000)));
            assertTrue(client.closedByServer());
            assertEquals(1, handler.count.get(), "only the first ping reached the engine");
        }
    }

    @Test
    void whenEverySlotIsTakenTheConnectionIdleTheLongestMakesRoom() throws Exception {
        start(OscConfig.defaults().withMaxTcpClients(1));
        try (TcpProbe first = connect(TcpFraming.SLIP);
                TcpProbe second = new TcpProbe(server.port(), TcpFraming.SLIP)) {
            assertTrue(first.closedByServer());
            second.send(OscBytes.message("/encore/ping", "req:ok"));
            assertEquals("req:ok", second.receive().last());
        }
    }

    @Test
    void connectionFromOutsideTheAllowListIsClosedUnanswered() throws Exception {
        start(OscConfig.defaults().withAllow(AllowList.parse(List.of("192.168.0.0/16"))));
        try (TcpProbe outsider = new TcpProbe(server.port(), TcpFraming.SLIP)) {
            outsider.send(OscBytes.message("/encore/delete", "Encore", "confirm"));
            assertTrue(outsider.closedByServer());
            assertEquals(0, handler.count.get());
        }
    }

    @Test
    void clientThatStopsReadingIsDisconnectedInsteadOfPilingUpMemory() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe stalled = connect(TcpFraming.SLIP)) {
            String kilobyte = "k".repeat(1000);
            long deadline = System.currentTimeMillis() + 20_000;
            while (server.tcpClientCount() > 0 && System.currentTimeMillis() < deadline) {
                for (int i = 0; i < 1000; i++) {
                    server.push("/encore/progress", List.of(kilobyte));
                }
                Thread.sleep(10);
            }
            assertEquals(0, server.tcpClientCount(), "the stalled client was dropped");
            assertTrue(stalled.closedByServer(), "after what was already sent, the stream ends");
        }
    }

    @Test
    void stopClosesConnectedClients() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe client = connect(TcpFraming.SLIP)) {
            server.stop();
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void udpAndTcpClientsOnTheSamePortNumberBothGetPushes() throws Exception {
        start(OscConfig.defaults());
        try (TcpProbe tcp = connect(TcpFraming.SLIP); UdpProbe udp = new UdpProbe()) {
            udp.send(server.port(), OscBytes.message("/encore/subscribe", udp.port()));
            assertEquals(List.of("/encore/subscribe", "subscribed at port " + udp.port()), udp.receive().args());

            server.push("/encore/status", List.of("saved"));
            assertEquals(new OscBytes.Msg("/encore/status", List.of("saved")), tcp.receive());
            assertEquals(new OscBytes.Msg("/encore/status", List.of("saved")), udp.receive());
        }
    }
}
