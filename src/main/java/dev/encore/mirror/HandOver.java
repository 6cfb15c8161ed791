package dev.encore.mirror;

import dev.encore.store.Imports;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.DataInputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A laptop whose journal parts from its leader's: a former primary that comes back after another
 * laptop took over (its sessions changed after the point the new primary took over from), or one
 * whose journal was never the leader's (used on its own, or led apart from it: all its sessions).
 * Each such session is sent to the leader, audio first, as a session copy named after this laptop
 * ({@code Song (laptop-a:7800)}), so none of its saves is lost; one the leader holds alike already
 * is not kept twice.
 */
final class HandOver {
    private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);

    private final SessionStore store;
    private final JGroupsLink link;
    private final String nodeName;
    private final java.util.function.BooleanSupplier stopping;

    /** A hand-over of {@code store}'s sessions over {@code link}; it stops after the session it is sending once {@code stopping} says so. */
    HandOver(SessionStore store, JGroupsLink link, String nodeName, java.util.function.BooleanSupplier stopping) {
        this.store = store;
        this.link = link;
        this.nodeName = nodeName;
        this.stopping = stopping;
    }

    /**
     * Hands the sessions changed after record {@code sharedUpTo} to {@code leader}, then starts over
     * (see {@link #startOver}); false, with the folder as it was, when a copy was not kept or the
     * journal could not be put aside.
     */
    boolean run(JGroupsLink.Peer leader, long sharedUpTo) {
        if (sharedUpTo == 0) {
            LOG.warn("This laptop's journal is not {}'s (it was used on its own, or led apart from it); its sessions go to {} as"
                    + " copies and it starts over from {}'s journal", leader.name(), leader.name(), leader.name());
        }
        return sessionsChangedAfter(sharedUpTo, leader) && startOver(leader);
    }

    /** Hands the sessions changed after {@code seq} to {@code leader}; whether it keeps them all. */
    boolean sessionsChangedAfter(long seq, JGroupsLink.Peer leader) {
        BlobCourier courier = new BlobCourier(store, link);
        List<StoredSession> changed = store.mirrored().changedAfter(seq);
        int kept = 0;
        for (StoredSession s : changed) {
            if (stopping.getAsBoolean()) {
                LOG.warn("The mirror is stopping: {} of {} session(s) were handed over to {}; the rest stay in {}, and the next start"
                        + " hands them over", kept, changed.size(), leader.name(), store.dataDir());
                return false;
            }
            try {
                courier.deliver(leader, s.assets());
                String name = s.name() + " (" + nodeName + ")";
                byte[] reply = link.ask(leader, Wire.copy(new Wire.Copy(name, Imports.encodeSnapshot(s.snapshot()), s.assets())));
                DataInputStream in = Wire.reader(reply);
                if (in.readByte() != Wire.OK) {
                    LOG.error("{} did not keep the copy of '{}': {}; it stays in {}", leader.name(), s.name(), in.readUTF(), store.dataDir());
                } else {
                    kept++;
                }
            } catch (Exception e) {
                LOG.error("Could not hand '{}' over to {} ({}); it stays in {}", s.name(), leader.name(), e.toString(), store.dataDir());
            }
        }
        if (kept == changed.size()) {
            LOG.warn("{} session(s) of this laptop's own journal, which {} does not hold, are kept there as copies named '... ({})'.",
                    changed.size(), leader.name(), nodeName);
        } else {
            LOG.warn("{} session(s) of this laptop's own journal, which {} does not hold: only {} are kept there as copies named '... ({})'."
                    + " Its journal differs from the primary's, so it mirrors nothing until it is started again, which"
                    + " hands the rest over; {} keeps everything meanwhile.", changed.size(), leader.name(), kept, nodeName,
                    store.dataDir());
        }
        return kept == changed.size();
    }

    /**
     * Once every copy is kept: this laptop's journal and index go into {@code diverged-<time>/} and it
     * starts over empty, to take {@code leader}'s journal from the first record; false when the copy
     * aside could not be made (it then mirrors nothing until it is started again).
     */
    boolean startOver(JGroupsLink.Peer leader) {
        try {
            java.nio.file.Path aside = store.mirrored().startOver();
            LOG.warn("This laptop's own journal is kept in {}; it takes {}'s journal from the first record now", aside, leader.name());
            return true;
        } catch (dev.encore.EncoreException e) {
            LOG.error("Could not keep this laptop's own journal aside ({}); it mirrors nothing until it is started again", e.getMessage());
            return false;
        }
    }
}
