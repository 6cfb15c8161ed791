package dev.encore.control.osc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP addresses that receive replies and pushes. A sender's IP is subscribed at the reply port
 * when it sends a command, or at a port of its choice with {@code /encore/subscribe}; an explicit
 * subscription replaces the automatic one. Silent subscribers are dropped; the set is bounded.
 */
final class Subscribers {
    static final int MAX_SUBSCRIBERS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private record Subscription(boolean explicit, Instant lastHeard) {
    }

    private final int replyPort;
    private final Duration timeout;
    private final Clock clock;
    private final Map<InetSocketAddress, Subscription> byTarget = new LinkedHashMap<>();

    Subscribers(int replyPort, Duration timeout, Clock clock) {
        this.replyPort = replyPort;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A command came from {@code ip}: refresh its subscriptions, or subscribe it at the reply port. */
    synchronized void heardFrom(InetAddress ip) {
        Instant now = clock.instant();
        boolean any = false;
        for (Map.Entry<InetSocketAddress, Subscription> e : byTarget.entrySet()) {
            if (e.getKey().getAddress().equals(ip)) {
                e.setValue(new Subscription(e.getValue().explicit(), now));
                any = true;
            }
        }
        if (!any) {
            add(new InetSocketAddress(ip, replyPort), false, now);
        }
    }

    /** Subscribes {@code ip:port} explicitly, replacing the automatic subscription of that IP. */
    synchronized void subscribe(InetAddress ip, int port) {
        byTarget.entrySet().removeIf(e -> e.getKey().getAddress().equals(ip) && !e.getValue().explicit());
        Instant now = clock.instant();
        byTarget.replaceAll((target, s) -> target.getAddress().equals(ip) ? new Subscription(true, now) : s);
        InetSocketAddress target = new InetSocketAddress(ip, port);
        if (!byTarget.containsKey(target)) {
            add(target, true, now);
        }
    }

    /** Ends the IP's subscription at {@code port}, or all of them when port is 0; returns what ended. */
    synchronized List<InetSocketAddress> unsubscribe(InetAddress ip, int port) {
        List<InetSocketAddress> ended = new ArrayList<>();
        for (Iterator<InetSocketAddress> it = byTarget.keySet().iterator(); it.hasNext(); ) {
            InetSocketAddress target = it.next();
            if (target.getAddress().equals(ip) && (port == 0 || target.getPort() == port)) {
                ended.add(target);
                it.remove();
            }
        }
        return ended;
    }

    /** Where replies to commands from {@code ip} go. */
    synchronized List<InetSocketAddress> targetsOf(InetAddress ip) {
        dropSilent();
        List<InetSocketAddress> targets = new ArrayList<>();
        for (InetSocketAddress target : byTarget.keySet()) {
            if (target.getAddress().equals(ip)) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** Every live subscriber, for pushes and heartbeats. */
    synchronized List<InetSocketAddress> all() {
        dropSilent();
        return new ArrayList<>(byTarget.keySet());
    }

    synchronized int size() {
        return byTarget.size();
    }

    private void add(InetSocketAddress target, boolean explicit, Instant now) {
        if (byTarget.size() >= MAX_SUBSCRIBERS) {
            InetSocketAddress quietest = null;
            Instant oldest = Instant.MAX;
            for (Map.Entry<InetSocketAddress, Subscription> e : byTarget.entrySet()) {
                if (e.getValue().lastHeard().isBefore(oldest)) {
                    oldest = e.getValue().lastHeard();
                    quietest = e.getKey();
                }
            }
            byTarget.remove(quietest);
            LOG.warn("OSC subscriber limit {} reached: stopped sending to {}", MAX_SUBSCRIBERS, quietest);
        }
        if (byTarget.put(target, new Subscription(explicit, now)) == null) {
            LOG.info("OSC replies and pushes now go to {}", target);
        }
    }

    private void dropSilent() {
        Instant cutoff = clock.instant().minus(timeout);
        for (Iterator<Map.Entry<InetSocketAddress, Subscription>> it = byTarget.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetSocketAddress, Subscription> e = it.next();
            if (e.getValue().lastHeard().isBefore(cutoff)) {
                it.remove();
                LOG.info("OSC subscriber {} dropped: silent for more than {} s", e.getKey(), timeout.toSeconds());
            }
        }
    }
}
