package dev.encore.control.osc;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.CommandHandler;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol rules between decoded packets and the {@link CommandHandler}: bundles and their time
 * tags, {@code req:<id>} and repeated requests, subscriptions, and where each reply goes. Called
 * from the listener threads and the IO thread; it never blocks.
 */
final class CommandIntake {
    static final String SUBSCRIBE = "/encore/subscribe";
    static final String UNSUBSCRIBE = "/encore/unsubscribe";
    /** Bundles due further ahead than this are dropped, so a bogus time tag cannot pin memory. */
    static final Duration MAX_BUNDLE_DELAY = Duration.ofSeconds(60);
    static final int MAX_PENDING_BUNDLES = 256;
    /**
     * Commands one datagram or frame may hold, bundles included. More is refused whole with one
     * error, so one packet cannot make 1,500 sessions or a flood of answers.
     */
    static final int MAX_COMMANDS_PER_PACKET = 32;
    static final String BUNDLE_ADDRESS = "#bundle";
    private static final int MAX_KNOWN_PEERS = 256;
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);

    private final CommandHandler handler;
    private final Subscribers subscribers;
    private final RequestCache requests;
    private final Outbox outbox;
    private final Clock clock;
    private final LogThrottle throttle;
    private final int replyPort;
    private final AtomicInteger pendingBundles = new AtomicInteger();
    private final Map<String, Peer> knownPeers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Peer> eldest) {
            return size() > MAX_KNOWN_PEERS;
        }
    };

    CommandIntake(CommandHandler handler, Subscribers subscribers, RequestCache requests, Outbox outbox,
            Clock clock, LogThrottle throttle, int replyPort) {
        this.handler = handler;
        this.subscribers = subscribers;
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
        this.throttle = throttle;
        this.replyPort = replyPort;
    }

    void accept(Peer peer, OscPacket packet) {
        if (packet instanceof OscPacket.Message message) {
            dispatch(peer, message);
            return;
        }
        int commands = count(packet);
        if (commands > MAX_COMMANDS_PER_PACKET) {
            throttle.warn("bundle-many", "Refused an OSC bundle from {} holding {} commands (at most {})",
                    peer.origin(), commands, MAX_COMMANDS_PER_PACKET);
            refuse(peer, BUNDLE_ADDRESS, "A bundle may hold at most " + MAX_COMMANDS_PER_PACKET
                    + " commands; this one held " + commands + " and none of them ran. Send them in smaller bundles.");
            return;
        }
        dispatchBundle(peer, (OscPacket.Bundle) packet, Instant.MIN);
    }

    /** Answers a packet that cannot run (decodable address, undecodable rest; too many commands) with one error. */
    void refuse(Peer peer, String address, String message) {
        deliver(peer, ReplyOnce.toMessage(address, new Reply.Error(Reason.BAD_ARGUMENTS, message), null));
    }

    private static int count(OscPacket packet) {
        if (packet instanceof OscPacket.Message) {
            return 1;
        }
        int n = 0;
        for (OscPacket element : ((OscPacket.Bundle) packet).elements()) {
            n += count(element);
        }
        return n;
    }

    /** Sends a message where replies to {@code origin} go; false when that sender is not known. */
    boolean sendTo(String origin, OscPacket.Message message) {
        Peer peer;
        synchronized (knownPeers) {
            peer = knownPeers.get(origin);
        }
        if (peer == null || (peer instanceof TcpClient client && client.closeReason() != null)) {
            return false;
        }
        deliver(peer, message);
        return true;
    }

    int pendingBundles() {
        return pendingBundles.get();
    }

    private void dispatchBundle(Peer peer, OscPacket.Bundle bundle, Instant notBefore) {
        Instant tagged = dueTime(bundle.ntpTimeTag());
        Instant due = tagged.isAfter(notBefore) ? tagged : notBefore;
        Duration wait = Duration.between(clock.instant(), due);
        if (wait.isNegative() || wait.isZero()) {
            runBundle(peer, bundle, due);
        } else if (wait.compareTo(MAX_BUNDLE_DELAY) > 0) {
            throttle.warn("bundle-far", "Dropped an OSC bundle from {} due in {} s (more than {} s ahead)",
                    peer.origin(), wait.toSeconds(), MAX_BUNDLE_DELAY.toSeconds());
        } else if (pendingBundles.incrementAndGet() > MAX_PENDING_BUNDLES) {
            pendingBundles.decrementAndGet();
            throttle.warn("bundle-full", "Dropped an OSC bundle from {}: {} bundles already wait for their time",
                    peer.origin(), MAX_PENDING_BUNDLES);
        } else {
            outbox.schedule(() -> {
                pendingBundles.decrementAndGet();
                runBundle(peer, bundle, due);
            }, wait);
        }
    }

    private void runBundle(Peer peer, OscPacket.Bundle bundle, Instant due) {
        for (OscPacket element : bundle.elements()) {
            if (element instanceof OscPacket.Message message) {
                dispatch(peer, message);
            } else {
                dispatchBundle(peer, (OscPacket.Bundle) element, due);
            }
        }
    }

    private void dispatch(Peer peer, OscPacket.Message message) {
        synchronized (knownPeers) {
            knownPeers.put(peer.origin(), peer);
        }
        String address = message.address();
        List<Object> args = new ArrayList<>(message.args());
        String requestId = takeRequestId(args);
        if (address.equals(SUBSCRIBE) || address.equals(UNSUBSCRIBE)) {
            subscription(peer, address, args, requestId);
            return;
        }
        if (peer instanceof Peer.Udp udp) {
            subscribers.heardFrom(udp.address());
        }
        RequestCache.Entry remembered = null;
        if (requestId != null) {
            RequestCache.Lookup lookup = requests.begin(peer.origin() + " " + address + " " + requestId);
            if (lookup.status() == RequestCache.Status.ANSWERED) {
                deliver(peer, lookup.reply());
                return;
            }
            if (lookup.status() == RequestCache.Status.RUNNING) {
                LOG.debug("Repeated {} {} from {} is still running", address, requestId, peer.origin());
                return;
            }
            remembered = lookup.entry();
        }
        RequestCache.Entry entry = remembered;
        ReplyOnce reply = new ReplyOnce(address, requestId, throttle, answer -> {
            if (entry != null) {
                requests.complete(entry, answer);
            }
            deliver(peer, answer);
        });
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof OscPacket.Unsupported unsupported) {
                reply.accept(new Reply.Error(Reason.BAD_ARGUMENTS, address + " argument " + (i + 1) + " is an OSC "
                        + unsupported.oscType() + ", which Encore does not take; send numbers (i, h, f, d), text (s),"
                        + " T/F or blobs (b) as the address table says"));
                return;
            }
        }
        try {
            handler.handle(new ControlCommand(address, args, peer.origin(), requestId), reply);
        } catch (EncoreException e) {
            reply.answerIfUnanswered(new Reply.Error(e.reason(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Command {} from {} failed", address, peer.origin(), e);
            reply.answerIfUnanswered(new Reply.Error(Reason.GENERAL, address + " failed: " + e));
        }
    }

    private void subscription(Peer peer, String address, List<Object> args, String requestId) {
        boolean subscribe = address.equals(SUBSCRIBE);
        int port = subscribe ? replyPort : 0;
        if (!args.isEmpty()) {
            Object first = args.get(0);
            long asked = first instanceof Integer i ? i : first instanceof Long l ? l : -1;
            if (args.size() > 1 || asked < 1 || asked > 65_535) {
                Reply error = new Reply.Error(Reason.BAD_ARGUMENTS, address + " takes an optional i:port from 1 to 65535");
                deliver(peer, ReplyOnce.toMessage(address, error, requestId));
                return;
            }
            port = (int) asked;
        }
        if (peer instanceof TcpClient client) {
            client.wantPushes(subscribe);
            Reply done = new Reply.Ok(subscribe ? "subscribed on this connection" : "unsubscribed");
            deliver(peer, ReplyOnce.toMessage(address, done, requestId));
            return;
        }
        if (subscribe) {
            subscribers.subscribe(peer.address(), port);
            deliver(peer, ReplyOnce.toMessage(address, new Reply.Ok("subscribed at port " + port), requestId));
            return;
        }
        List<InetSocketAddress> ended = subscribers.unsubscribe(peer.address(), port);
        List<InetSocketAddress> targets = ended.isEmpty()
                ? List.of(new InetSocketAddress(peer.address(), port == 0 ? replyPort : port))
                : ended;
        outbox.toUdp(targets, ReplyOnce.toMessage(address, new Reply.Ok("unsubscribed"), requestId));
    }

    private void deliver(Peer peer, OscPacket.Message message) {
        if (peer instanceof TcpClient client) {
            outbox.toTcp(client, message);
            return;
        }
        switch (((Peer.Udp) peer).budget().spend(message)) {
            case SEND -> { }
            case REPLACE_WITH_ERROR -> {
                throttle.warn("reply-budget", "Answers to one OSC packet from {} passed {} messages or {} bytes;"
                        + " the rest were not sent", peer.origin(), ReplyBudget.MAX_MESSAGES, ReplyBudget.MAX_BYTES);
                message = ReplyOnce.toMessage(BUNDLE_ADDRESS, new Reply.Error(Reason.BUSY, "The answers to one packet"
                        + " passed " + ReplyBudget.MAX_MESSAGES + " messages or " + ReplyBudget.MAX_BYTES
                        + " bytes; the rest were not sent. Send fewer commands per packet."), null);
            }
            case DROP -> {
                return;
            }
        }
        List<InetSocketAddress> targets = subscribers.targetsOf(peer.address());
        if (targets.isEmpty()) {
            targets = List.of(new InetSocketAddress(peer.address(), replyPort));
        }
        outbox.toUdp(targets, message);
    }

    private static String takeRequestId(List<Object> args) {
        if (!args.isEmpty() && args.get(args.size() - 1) instanceof String last
                && last.startsWith(ReplyOnce.REQUEST_PREFIX) && last.length() > ReplyOnce.REQUEST_PREFIX.length()) {
            args.remove(args.size() - 1);
            return last.substring(ReplyOnce.REQUEST_PREFIX.length());
        }
        return null;
    }

    /** An NTP time tag as an instant; {@link Instant#MIN} for "immediately". Era 1 starts in 2036. */
    static Instant dueTime(long ntpTimeTag) {
        if (ntpTimeTag == OscPacket.IMMEDIATELY) {
            return Instant.MIN;
        }
        long seconds = ntpTimeTag >>> 32;
        long fraction = ntpTimeTag & 0xFFFF_FFFFL;
        if (seconds < 0x8000_0000L) {
            seconds += 1L << 32;
        }
        return Instant.ofEpochSecond(seconds - NTP_TO_UNIX_SECONDS, (fraction * 1_000_000_000L) >>> 32);
    }
}
