package dev.encore.mirror;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who leads, decided on the mirror's own thread: at start, at each change of the group, and between
 * changes. A laptop follows a peer that leads with its epoch or a newer one; a primary steps down to
 * one it yields to ({@link Epoch#yieldsTo}); a backup that lost its primary follows the one that
 * leads again. {@link Mirror} carries the decisions out.
 */
final class Roles {
    private static final Logger LOG = LoggerFactory.getLogger(Roles.class);

    private final Mirror node;
    private final Members members;
    private final MirrorConfig config;
    /** After this many detection times with no other laptop in the group, a laptop says so in its log, once. */
    static final int ALONE_DETECTIONS = 2;
    /** On the mirror's thread: since when no other laptop has been in the group (0 while one is), and whether that was said. */
    private long aloneSinceNs;
    private boolean saidAlone;

    Roles(Mirror node, Members members, MirrorConfig config) {
        this.node = node;
        this.members = members;
        this.config = config;
    }

    /** At start: follow the peer that already leads, else lead when configured as primary, else wait for one. */
    void settle() {
        List<JGroupsLink.Peer> others = node.link().peers();
        others.forEach(members::ask);
        LOG.info("Settling the role with {} other laptop(s) in the group: {}", others.size(),
                others.stream().map(p -> p.name() + " " + members.known(p)).toList());
        Optional<JGroupsLink.Peer> leader = members.leaderFrom(others, leadsThisBackup());
        if (leader.isPresent()) {
            node.follow(leader.get());
        } else if (config.role() == MirrorConfig.Role.PRIMARY) {
            node.lead(node.epoch());
        } else {
            node.awaitPrimary(others.isEmpty() ? "the primary laptop (not reachable yet)" : others.get(0).name());
        }
        node.settled();
    }

    /**
     * Between group changes: a member whose role this laptop does not know (it did not answer, or
     * was still starting) or that says it leads too is asked again, so one lost answer never leaves
     * two primaries; a primary steps down to one it yields to, a backup without a primary (or that
     * lost it) follows the one that leads.
     */
    void recheck() {
        try {
            if (node.link() == null || !node.settledRole()) {
                return;
            }
            lookAtBeingAlone(node.link().peers());
            boolean primaryNow = node.isPrimary();
            if (primaryNow && members.anyNotTaking(node.link().peers())) {
                node.shipAgain(); // a backup that could not take records may now: one that started over
            }
            boolean lost = node.primaryLost();
            if (primaryNow || node.primary() == null || lost) {
                members.leaderAskingAgain(node.link().peers(), primaryNow ? yieldedTo() : leadsThisBackup()).ifPresent(leader -> {
                    if (primaryNow) {
                        LOG.warn("{} leads with a newer epoch; this laptop steps down to be its backup", leader.name());
                    }
                    if (lost) {
                        node.primaryBack(leader);
                    } else {
                        node.follow(leader);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Checking the other laptops' roles failed ({}); trying again", e.toString());
        }
    }

    /**
     * A laptop that stays alone in the group says so once, with what it reaches for, so a mistyped
     * peer address, another group name or key, or a blocked port is found in the log (the LEDs say
     * only {@code no backup} or {@code primary lost}); and once again when another laptop is back.
     */
    private void lookAtBeingAlone(List<JGroupsLink.Peer> others) {
        if (!others.isEmpty()) {
            if (saidAlone) {
                LOG.info("Another laptop is in mirror group '{}' again: {}", config.group(),
                        others.stream().map(JGroupsLink.Peer::name).toList());
            }
            aloneSinceNs = 0;
            saidAlone = false;
            return;
        }
        long now = System.nanoTime();
        if (aloneSinceNs == 0) {
            aloneSinceNs = now;
        } else if (!saidAlone && config.peers().size() > 0
                && now - aloneSinceNs >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos((long) ALONE_DETECTIONS * config.detectionMs())) {
            saidAlone = true;
            LOG.warn("No other laptop is in mirror group '{}' ({} s now); this laptop on {}:{} reaches for {}. Check that the other"
                    + " laptop runs Encore with role primary or backup, mirror group '{}' and the same mirror key, that it listens on"
                    + " that address, and that nothing between the two blocks the port. Connections now: {}", config.group(),
                    java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(now - aloneSinceNs), config.bind().getHostString(),
                    config.bind().getPort(), config.peers().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList(),
                    config.group(), node.link().connections().strip().replace('\n', ' '));
        }
    }

    /** The group changed (a peer came, left, or two halves merged after a cut): everyone is asked again who they are. */
    void reconcile(List<JGroupsLink.Peer> others) {
        if (node.link() == null || !node.settledRole()) {
            return; // the view of the join itself: settle looks at it
        }
        lookAtBeingAlone(others);
        members.refresh(others);
        LOG.info("The group changed: {}", others.stream().map(p -> p.name() + " " + members.known(p)).toList());
        if (node.isPrimary()) {
            Optional<JGroupsLink.Peer> leader = members.leaderFrom(others, yieldedTo());
            if (leader.isPresent()) {
                node.follow(leader.get());
            } else {
                node.shipAgain();
            }
            return;
        }
        JGroupsLink.Peer p = node.primary();
        boolean lost = node.primaryLost();
        if (p != null && !others.contains(p) && !lost) {
            node.lostPrimary(p);
        } else if (p == null || lost) {
            members.leaderFrom(others, leadsThisBackup()).ifPresent(lost ? node::primaryBack : node::follow);
        }
    }

    /** A peer's status this laptop, leading, steps down to. */
    private Predicate<Wire.Status> yieldedTo() {
        return s -> node.epoch().yieldsTo(s, config.nodeName());
    }

    /** A leading peer's status this laptop, not leading, follows: its epoch or a newer one. */
    private Predicate<Wire.Status> leadsThisBackup() {
        return s -> s.epoch() >= node.epoch().number();
    }
}
