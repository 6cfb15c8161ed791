package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol rules over real UDP: request ids and repeats, argument types, bundles and their time tags, subscriptions. */
class CommandIntakeTest extends OscServerHarness {
    @Test
    void requestIdIsTakenOffTheArgumentsAndEchoedLast() throws Exception {
        send("/encore/save_copy", "Live take", "req:abc-1");

        ControlCommand command = handler.next();
        assertEquals(List.of("Live take"), command.args());
        assertEquals("abc-1", command.requestId());
        assertEquals(List.of("/encore/save_copy", "done #1", "req:abc-1"), controller.receive().args());
    }

    @Test
    void repeatedRequestWithinTenSecondsIsAnsweredAgainWithoutRunningTwice() throws Exception {
        send("/encore/delete", "Old song", "req:7");
        OscBytes.Msg first = controller.receive();

        clock.advance(Duration.ofSeconds(9));
        send("/encore/delete", "Old song", "req:7");
        OscBytes.Msg again = controller.receive();

        assertEquals(first, again);
        assertEquals(1, handler.count.get(), "the delete ran once");

        clock.advance(Duration.ofSeconds(2));
        send("/encore/delete", "Old song", "req:7");
        assertEquals(List.of("/encore/delete", "done #2", "req:7"), controller.receive().args(),
                "after the 10 s window the same id is a new request");
    }

    @Test
    void repeatOfARequestStillRunningIsNotRunAgainAndGetsTheOneReply() throws Exception {
        handler.holdReplies();
        send("/encore/check", "req:9");
        handler.next();
        send("/encore/check", "req:9");
        send("/encore/ping", "req:10");
        handler.next();
        assertEquals(2, handler.count.get(), "check once, then ping");

        handler.heldReplies.take().accept(new Reply.Ok("all assets present"));
        assertEquals(List.of("/encore/check", "all assets present", "req:9"), controller.receive().args());
    }

    @Test
    void argumentTypeACommandCannotCarryIsRefusedWithBadArguments() throws Exception {
        send("/encore/rename", (Object) null);

        OscBytes.Msg reply = controller.receive();
        assertEquals("/encore/error", reply.address());
        assertEquals(Reason.BAD_ARGUMENTS.code(), reply.arg(1));
        assertTrue(((String) reply.arg(2)).contains("nil"), reply.toString());
        assertEquals(0, handler.count.get());
    }

    @Test
    void bundleMessagesAreDispatchedInOrder() throws Exception {
        controller.send(server.port(), OscBytes.bundle(OscPacket.IMMEDIATELY,
                OscBytes.message("/encore/next"), OscBytes.message("/encore/save", "req:2")));

        assertEquals("/encore/next", handler.next().address());
        assertEquals("/encore/save", handler.next().address());
        assertEquals("/encore/next", controller.receive().arg(0));
        assertEquals(List.of("/encore/save", "done #2", "req:2"), controller.receive().args());
    }

    @Test
    void bundleWithAFutureTimeTagRunsAfterALaterImmediateCommand() throws Exception {
        long soon = OscBytes.ntp(clock.instant().plusMillis(800));
        controller.send(server.port(), OscBytes.bundle(soon, OscBytes.message("/encore/next")));
        send("/encore/save");

        assertEquals("/encore/save", handler.next().address());
        assertEquals("/encore/next", handler.next().address(), "the timed bundle still runs");
    }

    @Test
    void bundleWithAPastTimeTagRunsAtOnce() throws Exception {
        long aMinuteAgo = OscBytes.ntp(clock.instant().minusSeconds(60));
        controller.send(server.port(), OscBytes.bundle(aMinuteAgo, OscBytes.message("/encore/prev")));

        assertEquals("/encore/prev", handler.next().address());
    }

    @Test
    void bundleDueTooFarAheadIsDroppedAndTheServerGoesOn() throws Exception {
        long inTenMinutes = OscBytes.ntp(clock.instant().plusSeconds(600));
        controller.send(server.port(), OscBytes.bundle(inTenMinutes, OscBytes.message("/encore/delete")));
        send("/encore/ping");

        assertEquals("/encore/ping", handler.next().address());
        assertEquals(0, server.pendingBundleCount());
        assertEquals(1, handler.count.get(), "the far-future delete never ran");
    }

    @Test
    void explicitSubscriptionSendsRepliesAndPushesToTheChosenPort() throws Exception {
        try (UdpProbe display = new UdpProbe()) {
            display.send(server.port(), OscBytes.message("/encore/subscribe", display.port(), "req:s1"));
            assertEquals(List.of("/encore/subscribe", "subscribed at port " + display.port(), "req:s1"),
                    display.receive().args());

            server.push("/encore/dirty", List.of(1));
            assertEquals(new OscBytes.Msg("/encore/dirty", List.of(1)), display.receive());
        }
    }

    @Test
    void twoAppsOnOneComputerBothGetPushes() throws Exception {
        try (UdpProbe display = new UdpProbe()) {
            send("/encore/next");
            controller.receive();
            display.send(server.port(), OscBytes.message("/encore/subscribe", display.port()));
            display.receive();

            server.push("/encore/session", List.of("Ballad", 2, 9));
            assertEquals("/encore/session", controller.receiveMatching(m -> !m.address().equals("/encore/reply")).address());
            assertEquals("/encore/session", display.receive().address());
        }
    }

    @Test
    void unsubscribedPortGetsNoMorePushes() throws Exception {
        try (UdpProbe display = new UdpProbe()) {
            display.send(server.port(), OscBytes.message("/encore/subscribe", display.port()));
            display.receive();
            display.send(server.port(), OscBytes.message("/encore/unsubscribe"));
            assertEquals(List.of("/encore/unsubscribe", "unsubscribed"), display.receive().args());

            server.push("/encore/status", List.of("saving"));
            display.send(server.port(), OscBytes.message("/encore/subscribe", display.port()));
            assertEquals("/encore/reply", display.receive().address(), "no status push before the new subscription");
            server.push("/encore/status", List.of("saved"));
            assertEquals(List.of("saved"), display.receive().args());
        }
    }

    @Test
    void anExplicitSubscriberStillGetsPushesLongAfterTheTimeout() throws Exception {
        try (UdpProbe display = new UdpProbe()) {
            display.send(server.port(), OscBytes.message("/encore/subscribe", display.port()));
            display.receive();
            clock.advance(OscConfig.DEFAULT_SUBSCRIBER_TIMEOUT.multipliedBy(10));
            server.push("/encore/status", List.of("error"));
            assertEquals("/encore/status", display.receive().address(), "the display that only listens is kept");
            assertEquals(1, server.subscriberCount());
        }
    }
}
