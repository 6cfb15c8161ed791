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
 * The UDP addresses that receive replies and pushes. Every command subscribes its sender's IP at the
 * reply port automatically; {@code /encore/subscribe [i:port]} subscribes explicitly (a display-only
 * tablet, a second app on the same laptop). Explicit subscriptions last until unsubscribed or the
 * daemon stops, since a display that only listens never sends; automatic ones that stay silent for
 * the timeout are dropped. The set is bounded: when full, the quietest automatic one makes room.
 */
final class Subscribers {
    static final int MAX_SUBSCRIBERS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private final int replyPort;
    private final Duration timeout;
    private final Clock clock;
    private final Map<InetSocketAddress, Instant> lastHeard = new LinkedHashMap<>();
    private final java.util.Set<InetSocketAddress> explicit = new java.util.HashSet<>();

    Subscribers(int replyPort, Duration timeout, Clock clock) {
        this.replyPort = replyPort;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A command came from {@code ip}: subscribe it at the reply port and keep its other ports alive. */
    synchronized void heardFrom(InetAddress ip) {
        hear(ip, replyPort);
    }

    /** Subscribes {@code ip:port} until it unsubscribes, and keeps the IP's other ports alive. */
    synchronized void subscribe(InetAddress ip, int port) {
        explicit.add(new InetSocketAddress(ip, port));
        hear(ip, port);
    }

    private void hear(InetAddress ip, int port) {
        Instant now = clock.instant();
        lastHeard.replaceAll((target, heard) -> target.getAddress().equals(ip) ? now : heard);
        InetSocketAddress target = new InetSocketAddress(ip, port);
        if (!lastHeard.containsKey(target)) {
            add(target, now);
        }
    }

    /** Ends the IP's subscription at {@code port}, or all of them when port is 0; returns what ended. */
    synchronized List<InetSocketAddress> unsubscribe(InetAddress ip, int port) {
        List<InetSocketAddress> ended = new ArrayList<>();
        for (Iterator<InetSocketAddress> it = lastHeard.keySet().iterator(); it.hasNext(); ) {
            InetSocketAddress target = it.next();
            if (target.getAddress().equals(ip) && (port == 0 || target.getPort() == port)) {
                ended.add(target);
                explicit.remove(target);
                it.remove();
            }
        }
        return ended;
    }

    /** Where replies to commands from {@code ip} go. */
    synchronized List<InetSocketAddress> targetsOf(InetAddress ip) {
        dropSilent();
        List<InetSocketAddress> targets = new ArrayList<>();
        for (InetSocketAddress target : lastHeard.keySet()) {
            if (target.getAddress().equals(ip)) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** Every live subscriber, for pushes and heartbeats. */
    synchronized List<InetSocketAddress> all() {
        dropSilent();
        return new ArrayList<>(lastHeard.keySet());
    }

    synchronized int size() {
        return lastHeard.size();
    }

    private void add(InetSocketAddress target, Instant now) {
        if (lastHeard.size() >= MAX_SUBSCRIBERS) {
            InetSocketAddress quietest = null;
            Instant oldest = Instant.MAX;
            boolean onlyExplicit = explicit.containsAll(lastHeard.keySet());
            for (Map.Entry<InetSocketAddress, Instant> e : lastHeard.entrySet()) {
                if ((onlyExplicit || !explicit.contains(e.getKey())) && e.getValue().isBefore(oldest)) {
                    oldest = e.getValue();
                    quietest = e.getKey();
                }
            }
            lastHeard.remove(quietest);
            explicit.remove(quietest);
            LOG.warn("OSC subscriber limit {} reached: stopped sending to {}", MAX_SUBSCRIBERS, quietest);
        }
        lastHeard.put(target, now);
        LOG.info("OSC replies and pushes now go to {}", target);
    }

    private void dropSilent() {
        Instant cutoff = clock.instant().minus(timeout);
        for (Iterator<Map.Entry<InetSocketAddress, Instant>> it = lastHeard.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetSocketAddress, Instant> e = it.next();
            if (e.getValue().isBefore(cutoff) && !explicit.contains(e.getKey())) {
                it.remove();
                LOG.info("OSC subscriber {} dropped: silent for more than {} s", e.getKey(), timeout.toSeconds());
            }
        }
    }
}
