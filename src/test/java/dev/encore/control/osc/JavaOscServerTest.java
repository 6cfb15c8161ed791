package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server as a controller sees it: one reply per command, pushes, allow-list, heartbeat, lifecycle. */
class JavaOscServerTest extends OscServerHarness {
    @Test
    void commandReachesTheHandlerAndGetsOneReplyAtTheReplyPort() throws Exception {
        send("/encore/save", "Opening song");

        ControlCommand command = handler.next();
        assertEquals("/encore/save", command.address());
        assertEquals(List.of("Opening song"), command.args());
        assertEquals("osc-udp:127.0.0.1", command.origin());
        assertNull(command.requestId());
        OscBytes.Msg reply = controller.receive();
        assertEquals(new OscBytes.Msg("/encore/reply", List.of("/encore/save", "done #1")), reply);

        send("/encore/ping");
        assertEquals(List.of("/encore/ping", "done #2"), controller.receive().args(),
                "the next message after the save reply is the ping reply: no second reply to save");
    }

    @Test
    void okReplyCarriesTheExtraValuesAfterTheMessage() throws Exception {
        handler.answer((command, reply) -> reply.accept(new Reply.Ok("opened", List.of(4, "Ballad"))));
        send("/encore/open", 4);

        assertEquals(List.of("/encore/open", "opened", 4, "Ballad"), controller.receive().args());
    }

    @Test
    void errorReplyCarriesTheReasonCodeAndMessage() throws Exception {
        handler.answer((command, reply) -> reply.accept(new Reply.Error(Reason.NAME_TAKEN, "'Encore' is taken")));
        send("/encore/rename", "Encore", "req:41");

        OscBytes.Msg reply = controller.receive();
        assertEquals("/encore/error", reply.address());
        assertEquals(List.of("/encore/rename", -4, "'Encore' is taken", "req:41"), reply.args());
    }

    @Test
    void replyFromAnotherThreadLaterIsSentOnceAndASecondReplyIsIgnored() throws Exception {
        handler.holdReplies();
        send("/encore/save");
        handler.next();
        var reply = handler.heldReplies.take();
        Thread engine = new Thread(() -> {
            reply.accept(new Reply.Ok("saved"));
            reply.accept(new Reply.Ok("saved again"));
        });
        engine.start();
        engine.join();

        assertEquals(List.of("/encore/save", "saved"), controller.receive().args());
        handler.answer((command, r) -> r.accept(new Reply.Ok("pong")));
        send("/encore/ping");
        assertEquals(List.of("/encore/ping", "pong"), controller.receive().args());
    }

    @Test
    void handlerThatThrowsStillProducesAnErrorReplyAndTheServerKeepsAnswering() throws Exception {
        handler.answer((command, reply) -> {
            if (command.address().equals("/encore/open")) {
                throw new EncoreException(Reason.NO_SUCH_SESSION, "no session at position 12");
            }
            throw new IllegalStateException("engine bug");
        });
        send("/encore/open", 12);
        assertEquals(List.of("/encore/open", -3, "no session at position 12"), controller.receive().args());
        send("/encore/next");
        OscBytes.Msg general = controller.receive();
        assertEquals("/encore/error", general.address());
        assertEquals(Reason.GENERAL.code(), general.arg(1));
    }

    @Test
    void everyArgumentTypeArrivesAsAPlainJavaValue() throws Exception {
        byte[] blob = {1, 2, (byte) 0xC0, 4, 5};
        send("/encore/param/mix", 7, 0.5f, 9_000_000_000L, 2.25, "Café", blob, true, 11);

        List<Object> args = handler.next().args();
        assertEquals(List.of(7, 0.5f, 9_000_000_000L, 2.25, "Café"), args.subList(0, 5));
        assertArrayEquals(blob, (byte[]) args.get(5));
        assertEquals(List.of(true, 11), args.subList(6, 8), "values after a blob are read correctly");
    }

    @Test
    void senderIsSubscribedAtItsIpAndTheReplyPortAndReceivesPushes() throws Exception {
        send("/encore/ping");
        controller.receive();

        server.push("/encore/status", List.of("unsaved"));
        assertEquals(new OscBytes.Msg("/encore/status", List.of("unsaved")), controller.receive());
        assertEquals(1, server.subscriberCount());
    }

    @Test
    void senderOutsideTheAllowListGetsNothingAndIsNotHandled() throws Exception {
        server.stop();
        server = startServer(config().withAllow(AllowList.parse(List.of("127.0.0.2/32"))));
        try (UdpProbe allowed = new UdpProbe("127.0.0.2")) {
            send("/encore/delete", "Everything", "confirm");
            allowed.send(server.port(), OscBytes.message("/encore/subscribe", allowed.port()));
            allowed.receive();
            server.push("/encore/status", List.of("saved"));
            assertEquals("/encore/status", allowed.receive().address());

            assertEquals(0, handler.count.get(), "the outsider's delete never reached the engine");
            assertEquals(1, server.subscriberCount(), "only the allowed sender is subscribed");
            assertNull(controller.receive(300), "the outsider got no reply and no push");
        }
    }

    @Test
    void ipv6SenderIsAnsweredOnItsIpv6Address() throws Exception {
        try (UdpProbe v6 = new UdpProbe("::1")) {
            server.stop();
            server = startServer(config().withBindHost("::1").withReplyPort(v6.port()));
            v6.send("::1", server.port(), OscBytes.message("/encore/ping", "req:v6"));

            assertEquals("osc-udp:0:0:0:0:0:0:0:1", handler.next().origin());
            assertEquals(List.of("/encore/ping", "done #1", "req:v6"), v6.receive().args());
        }
    }

    @Test
    void oversizeDatagramIsDroppedAndTheServerStillAnswers() throws Exception {
        server.stop();
        server = startServer(OscConfigs.maxPacketBytes(config(), OscConfig.MIN_PACKET_BYTES));
        send("/encore/rename", "x".repeat(1000));
        send("/encore/ping");

        assertEquals("/encore/ping", handler.next().address());
        assertEquals(List.of("/encore/ping", "done #1"), controller.receive().args());
    }

    @Test
    void heartbeatCarriesTheStatusAndCountsUp() throws Exception {
        server.stop();
        server = startServer(config().withHeartbeatInterval(Duration.ofMillis(20)));
        send("/encore/ping");

        OscBytes.Msg first = controller.receiveMatching(m -> m.address().equals("/encore/heartbeat"));
        status.set(new Heartbeat("unsaved", 5, true));
        OscBytes.Msg later = controller.receiveMatching(m -> m.address().equals("/encore/heartbeat")
                && m.arg(1).equals("unsaved"));
        assertEquals(List.of("saved", 3, 0), first.args().subList(1, 4));
        assertEquals(List.of("unsaved", 5, 1), later.args().subList(1, 4));
        assertTrue((Integer) later.arg(0) > (Integer) first.arg(0), "sequence number increases");
    }

    @Test
    void sendReachesOnlyTheSenderOfACommand() throws Exception {
        send("/encore/list");
        String origin = handler.next().origin();
        controller.receive();

        assertTrue(server.send(origin, "/encore/list/end", List.of(0)));
        assertEquals(new OscBytes.Msg("/encore/list/end", List.of(0)), controller.receive());
        assertTrue(!server.send("osc-udp:10.9.9.9", "/encore/list/end", List.of(0)), "unknown origin");
    }

    @Test
    void stopClosesThePortAndEndsEveryThread() throws Exception {
        int port = server.port();
        server.stop();

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("encore-osc-")), "no OSC thread left");
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertThrows(IllegalStateException.class, server::port);
    }

    @Test
    void portInUseFailsWithAMessageNamingThePort() throws Exception {
        OscConfig taken = config().withPort(server.port());
        JavaOscServer second = new JavaOscServer(taken, clock);

        EncoreException e = assertThrows(EncoreException.class, () -> second.start(handler, seq -> status.get()));
        assertTrue(e.getMessage().contains("port " + server.port()), e.getMessage());
    }
}
