package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.testing.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribersTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T20:00:00Z"));
    private final Subscribers subscribers = new Subscribers(9000, Duration.ofMinutes(10), clock);
    private final InetAddress tablet = address("192.168.1.20");
    private final InetAddress laptop = address("192.168.1.30");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void commandSubscribesTheSenderAtTheReplyPort() {
        subscribers.heardFrom(tablet);
        subscribers.heardFrom(tablet);
        assertEquals(List.of(new InetSocketAddress(tablet, 9000)), subscribers.targetsOf(tablet));
    }

    @Test
    void explicitSubscriptionAddsAPortBesideTheReplyPort() {
        subscribers.heardFrom(tablet);
        subscribers.subscribe(tablet, 9100);
        subscribers.heardFrom(tablet);
        assertEquals(List.of(new InetSocketAddress(tablet, 9000), new InetSocketAddress(tablet, 9100)),
                subscribers.targetsOf(tablet));
    }

    @Test
    void anyCommandFromAnIpKeepsAllItsPortsAlive() {
        subscribers.subscribe(tablet, 9100);
        clock.advance(Duration.ofMinutes(8));
        subscribers.heardFrom(tablet);
        clock.advance(Duration.ofMinutes(8));
        assertEquals(List.of(new InetSocketAddress(tablet, 9100), new InetSocketAddress(tablet, 9000)),
                subscribers.targetsOf(tablet));
    }

    @Test
    void unsubscribeEndsOnePortOrAllOfAnIp() {
        subscribers.subscribe(tablet, 9100);
        subscribers.subscribe(tablet, 9200);
        subscribers.heardFrom(laptop);
        assertEquals(List.of(new InetSocketAddress(tablet, 9100)), subscribers.unsubscribe(tablet, 9100));
        assertEquals(List.of(new InetSocketAddress(tablet, 9200)), subscribers.unsubscribe(tablet, 0));
        assertEquals(List.of(new InetSocketAddress(laptop, 9000)), subscribers.all());
    }

    @Test
    void silentSubscribersAreDroppedAndTalkingOnesKept() {
        subscribers.heardFrom(tablet);
        subscribers.heardFrom(laptop);
        clock.advance(Duration.ofMinutes(6));
        subscribers.heardFrom(laptop);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(List.of(new InetSocketAddress(laptop, 9000)), subscribers.all());
    }

    @Test
    void explicitSubscriptionsLastUntilUnsubscribedWhileAutomaticOnesExpire() {
        subscribers.subscribe(tablet, 9100);
        subscribers.heardFrom(laptop);
        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(new InetSocketAddress(tablet, 9100)), subscribers.all());
        subscribers.unsubscribe(tablet, 9100);
        assertEquals(List.of(), subscribers.all());
    }

    @Test
    void whenFullAnAutomaticSubscriberMakesRoomBeforeAnyExplicitOne() {
        subscribers.subscribe(tablet, 9100);
        clock.advance(Duration.ofSeconds(1));
        for (int port = 1; port < Subscribers.MAX_SUBSCRIBERS; port++) {
            subscribers.heardFrom(address("10.0.0." + (port % 250 + 1)));
            subscribers.subscribe(address("10.0.1." + (port % 250 + 1)), port);
        }
        assertEquals(Subscribers.MAX_SUBSCRIBERS, subscribers.size());
        assertEquals(List.of(new InetSocketAddress(tablet, 9100)), subscribers.targetsOf(tablet),
                "the explicit subscriber heard from longest ago is still there");
    }

    @Test
    void subscriberCountIsBoundedAndTheQuietestGoesFirst() throws Exception {
        subscribers.heardFrom(tablet);
        clock.advance(Duration.ofSeconds(1));
        for (int port = 1; port <= Subscribers.MAX_SUBSCRIBERS; port++) {
            subscribers.subscribe(laptop, port);
        }
        assertEquals(Subscribers.MAX_SUBSCRIBERS, subscribers.size());
        assertTrue(subscribers.targetsOf(tablet).isEmpty(), "the quietest subscriber made room");
    }
}
