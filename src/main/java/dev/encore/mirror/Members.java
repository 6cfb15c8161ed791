package dev.encore.mirror;

import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this laptop knows of the other members of its group: each one's last answer to "who are
 * you" (role, takeover epoch, last record held), asked again whenever the group changes. The
 * leader among them is the primary with the newest epoch.
 */
final class Members {
    private static final Logger LOG = LoggerFactory.getLogger(Members.class);

    private final Map<Object, Wire.Status> statuses = new ConcurrentHashMap<>();
    /** Members the last shipping round could not send records to. */
    private final Map<Object, Boolean> notTaking = new ConcurrentHashMap<>();
    private volatile JGroupsLink link;

    void linkedBy(JGroupsLink l) {
        this.link = l;
    }

    /** The peer's status, asked again; null when it does not answer. */
    Wire.Status ask(JGroupsLink.Peer p) {
        try {
            DataInputStream in = Wire.reader(link.ask(p, new byte[] {Wire.STATUS}));
            if (in.readByte() != Wire.OK) {
                return null;
            }
            Wire.Status s = Wire.readStatus(in);
            statuses.put(p.address(), s);
            return s;
        } catch (Exception e) {
            LOG.info("{} did not say who it is ({})", p.name(), e.toString());
            return null;
        }
    }

    /** The last status the peer gave, or null. */
    Wire.Status known(JGroupsLink.Peer p) {
        return statuses.get(p.address());
    }

    /** The group is now {@code others}: those gone are forgotten, every one there is asked again. */
    void refresh(List<JGroupsLink.Peer> others) {
        statuses.keySet().removeIf(a -> others.stream().noneMatch(p -> p.address().equals(a)));
        notTaking.keySet().removeIf(a -> others.stream().noneMatch(p -> p.address().equals(a)));
        others.forEach(this::ask);
    }

    /**
     * The members of {@code peers} that follow as backups and pass {@code canTake}. A member not known
     * as a backup yet (still starting, or an older primary about to step down) is asked again.
     */
    List<JGroupsLink.Peer> backups(List<JGroupsLink.Peer> peers, Predicate<Wire.Status> canTake) {
        List<JGroupsLink.Peer> out = new ArrayList<>();
        for (JGroupsLink.Peer p : peers) {
            Wire.Status s = statuses.get(p.address());
            if (s == null || s.role() != MirrorConfig.Role.BACKUP || !canTake.test(s)) {
                s = ask(p); // its last answer may be stale: a backup that started over holds nothing now
            }
            boolean takes = s != null && s.role() == MirrorConfig.Role.BACKUP && canTake.test(s);
            notTaking.put(p.address(), !takes);
            if (takes) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether one of {@code peers} was left out of the last shipping round (or has not been in one yet). */
    boolean anyNotTaking(List<JGroupsLink.Peer> peers) {
        return peers.stream().anyMatch(p -> notTaking.getOrDefault(p.address(), true));
    }

    /** The newest takeover epoch any member has said. */
    long newestEpoch() {
        return statuses.values().stream().mapToLong(Wire.Status::epoch).max().orElse(0);
    }

    /**
     * As {@link #leaderFrom}, after asking again each member of {@code others} whose role is not
     * known (it did not answer, or was still starting) or that said it leads: one lost answer must
     * not hide a leader until the group next changes.
     */
    Optional<JGroupsLink.Peer> leaderAskingAgain(List<JGroupsLink.Peer> others, Predicate<Wire.Status> leadsHere) {
        for (JGroupsLink.Peer p : others) {
            Wire.Status s = statuses.get(p.address());
            if (s == null || s.role() == MirrorConfig.Role.PRIMARY) {
                ask(p);
            }
        }
        return leaderFrom(others, leadsHere);
    }

    /** A member of {@code others} that says it leads and that {@code leadsHere} accepts as this laptop's leader, if any. */
    Optional<JGroupsLink.Peer> leaderFrom(List<JGroupsLink.Peer> others, Predicate<Wire.Status> leadsHere) {
        for (JGroupsLink.Peer p : others) {
            Wire.Status s = statuses.get(p.address());
            if (s != null && s.role() == MirrorConfig.Role.PRIMARY && leadsHere.test(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
