package dev.encore.mirror;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.session.SessionEngine;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One laptop of a primary/backup pair. Its store opens following (takes no changes of its own); after
 * joining the group a laptop configured as primary leads unless a peer already leads with the same
 * or a newer takeover epoch, in which case it joins as that peer's backup. The epoch is journaled
 * (META {@value Epoch#KEY}: its number, the last sequence number it began after, and the origin of
 * the journal's history), so the laptop that took over last always wins; two that lead with the same
 * number (they started apart) settle on one by a rule both apply alike, and there is never a second
 * primary for long. A backup that loses its primary says {@code primary lost} and takes over on
 * {@link #takeover()} (or by itself after the configured delay). A laptop whose journal parts from
 * its leader's (a former primary that went on saving, or one whose journal was never the leader's)
 * hands its sessions over as copies named after it before it follows; see {@link HandOver}.
 */
public final class Mirror implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

    private final MirrorConfig config;
    private final SessionEngine engine;
    private final SessionStore store;
    private final MirrorEvents events;
    private final ScheduledExecutorService worker;
    /** Where a takeover's session comes on stage, apart from the mirror's thread. */
    private final java.util.concurrent.ExecutorService stage;
    private final Members members = new Members();
    private final Intake intake;
    private volatile JGroupsLink link;
    private volatile MirrorConfig.Role role = MirrorConfig.Role.BACKUP;
    private volatile Epoch epoch;
    private volatile JGroupsLink.Peer primary;
    private volatile boolean primaryLost;
    private volatile boolean diverged;
    /** Until the role is settled at start, nothing is taken: a laptop must first see whether it diverged. */
    private volatile boolean settled;
    /** Set first thing in {@link #close()}: a hand-over under way stops after the session it is sending. */
    private volatile boolean closing;
    /** Under this monitor: a hand-over is queued or running on the mirror's thread; another is not started meanwhile. */
    private boolean handOverQueued;
    private volatile Shipper shipper;
    private final AutoTakeover autoTakeover = new AutoTakeover();
    private final Roles roles;

    private Mirror(MirrorConfig config, SessionEngine engine, MirrorEvents events) {
        this.config = config;
        this.engine = engine;
        this.store = engine.store();
        this.events = events;
        this.intake = new Intake(store, this, events);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "encore-mirror");
            t.setDaemon(true);
            return t;
        });
        this.stage = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "encore-mirror-takeover");
            t.setDaemon(true);
            return t;
        });
        this.epoch = Epoch.journaled(store);
        this.roles = new Roles(this, members, config);
    }

    /**
     * Joins the group and takes the laptop's role. The engine's store must have been opened as a
     * mirror backup ({@link dev.encore.store.StoreOptions#asMirrored()}), so that nothing is
     * journaled before the role is known.
     *
     * @throws EncoreException BAD_CONFIG when the mirror cannot listen on its address
     */
    public static Mirror start(MirrorConfig config, SessionEngine engine, MirrorEvents events) {
        Mirror m = new Mirror(config, engine, events);
        m.link = JGroupsLink.join(config, m.intake::answer, others -> m.onWorker(() -> m.roles.reconcile(others)));
        m.members.linkedBy(m.link);
        try {
            m.worker.submit(() -> m.roles.settle()).get();
        } catch (Exception e) {
            m.close();
            throw new EncoreException(Reason.GENERAL, "The mirror could not settle its role: " + e, e);
        }
        long every = Math.max(200, config.detectionMs() / 2);
        m.worker.scheduleWithFixedDelay(m.roles::recheck, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Mirror {} in group '{}' on {}:{} as {} (epoch {}), peers {}", config.nodeName(), config.group(),
                config.bind().getHostString(), config.bind().getPort(), m.role.name().toLowerCase(java.util.Locale.ROOT), m.epoch.number(),
                config.peers());
        if (config.key() != null) {
            LOG.info("The mirror link is locked with key {} ({}): only a laptop holding the same key is let in", config.key().fingerprint(),
                    config.key().file());
        } else {
            LOG.warn("The mirror link is open: any computer that reaches {}:{} can join and send this laptop sessions. Make a key"
                    + " with `encore mirror-key FILE`, copy the file to both laptops and name it in mirror.key (or --mirror-key).",
                    config.bind().getHostString(), config.bind().getPort());
        }
        return m;
    }

    /** Runs {@code task} on the mirror's own thread, unless the mirror is closing (a group change JGroups reports as it stops). */
    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("The mirror is closing; a group change is not looked at");
        }
    }

    /** How many blobs are arriving from other laptops now, each into a temp file of its own. */
    int intakeArriving() {
        return intake.arriving();
    }

    /** What answers the other laptops' requests. */
    Intake intake() {
        return intake;
    }

    /** Whether this laptop leads now. */
    public boolean isPrimary() {
        return role == MirrorConfig.Role.PRIMARY;
    }

    /**
     * Makes this backup the primary: allowed once its primary is gone. Journals the new epoch, opens the
     * primary's last active session with its last mirrored draft and starts mirroring to whoever joins.
     *
     * @return what happened, for the reply
     * @throws EncoreException BUSY while the primary still runs
     */
    public String takeover() {
        return onStage(takeOverRole());
    }

    /**
     * {@link #takeover()}: the role is taken on the mirror's own thread, so a listener thread never
     * waits for the store; the session comes on stage on a thread of its own, so the mirror's thread
     * is free meanwhile (group changes, a second press) however long the song's audio takes to page in.
     */
    public CompletableFuture<String> takeoverLater() {
        return CompletableFuture.supplyAsync(this::takeOverRole, worker).thenCompose(t -> t.alreadyPrimary()
                ? CompletableFuture.completedFuture(ALREADY_PRIMARY) : CompletableFuture.supplyAsync(() -> onStage(t), stage));
    }

    private static final String ALREADY_PRIMARY = "This laptop is the primary already.";

    /**
     * A takeover whose role is taken (the epoch it began, after which record, the session to bring
     * on stage), or one that found this laptop leading already.
     */
    private record TakenOver(boolean alreadyPrimary, long epoch, long afterRecord, Optional<StoredSession> resume) {
    }

    private synchronized TakenOver takeOverRole() {
        if (closing) {
            throw new EncoreException(Reason.BUSY, "This laptop's mirror is stopping; it takes over nothing. Start Encore again and"
                    + " send /encore/takeover then.");
        }
        if (isPrimary()) {
            return new TakenOver(true, epoch.number(), epoch.baseSeq(), Optional.empty());
        }
        JGroupsLink.Peer p = primary;
        if (p != null && !primaryLost && link.peers().contains(p)) {
            throw new EncoreException(Reason.BUSY, "The primary " + p.name() + " still runs; this laptop takes over only"
                    + " once it is gone (stop it, or wait for /encore/mirror \"primary lost\").");
        }
        long newest = members.newestEpoch();
        long base = store.mirrored().lastSeq();
        long next = Math.max(epoch.number(), newest) + 1;
        lead(epoch.takenOver(next, base));
        return new TakenOver(false, next, base, store.bookkeeping().active().flatMap(store::find));
    }

    /** Outside the lock: the engine journals the active session, and the mirror ships that record. */
    private String onStage(TakenOver t) {
        if (t.alreadyPrimary()) {
            return ALREADY_PRIMARY;
        }
        String opened = t.resume().map(s -> Resumption.resume(engine, s)).orElse("");
        LOG.warn("Took over as primary (epoch {}) after record {}.{}", t.epoch(), t.afterRecord(), opened);
        return "This laptop is now the primary." + opened;
    }

    Wire.Status status() {
        return new Wire.Status(diverged ? MirrorConfig.Role.BACKUP : role, epoch.number(), epoch.baseSeq(), epoch.origin(),
                store.mirrored().lastSeq(), config.nodeName());
    }

    /** Whether this laptop knows its role yet: before that, its status would be a guess others must not keep. */
    boolean settledRole() {
        return settled;
    }

    boolean isBackup() {
        return settled && role == MirrorConfig.Role.BACKUP && !diverged;
    }

    JGroupsLink link() {
        return link;
    }

    /** A record came from {@code from}: it is the primary this backup follows. */
    void heardFromPrimary(JGroupsLink.Peer from) {
        if (!from.equals(primary) || primaryLost) {
            primary = from;
            primaryLost = false;
            autoTakeover.cancel();
            store.mirrored().follow(from.name());
        }
    }

    /**
     * A record from the primary was journaled: when it was the primary's takeover epoch (its META
     * record), this backup is in step with that epoch from now on. A laptop still reporting an older
     * epoch while it holds records past the takeover point looks, to the primary, like one that kept
     * saving on its own, and would be left out of the mirror after the next change of the group.
     */
    void adoptMirroredEpoch() {
        if (diverged) {
            return;
        }
        epoch = epoch.orNewer(Epoch.journaled(store));
    }

    /** The peers that follow this primary and can take its records. */
    List<JGroupsLink.Peer> backups() {
        return members.backups(link.peers(), s -> epoch.canShipTo(s, store.mirrored().lastSeq()));
    }

    /** Whether this laptop is handing its own sessions over to its leader before it starts over: it takes no records meanwhile. */
    boolean handingOver() {
        return diverged;
    }

    /** The other members as this laptop knows them. */
    Members members() {
        return members;
    }

    /** The takeover epoch this laptop is in. */
    Epoch epoch() {
        return epoch;
    }

    /** The primary this backup follows (null when it knows none), and whether it lost it. */
    JGroupsLink.Peer primary() {
        return primary;
    }

    boolean primaryLost() {
        return primaryLost;
    }

    /** Follows no one yet: a backup whose primary has not answered (see {@link Roles#settle}). */
    void awaitPrimary(String who) {
        store.mirrored().follow(who);
    }

    /** The role is settled: from now on this laptop's status is its answer to who it is. */
    void settled() {
        settled = true;
    }

    /** On a primary: the shipping thread looks at every backup again (one that could not take records may now). */
    void shipAgain() {
        Shipper s = shipper;
        if (s != null) {
            s.viewChanged();
        }
    }

    synchronized void lead(Epoch chosen) {
        if (closing) {
            return;
        }
        Epoch e = chosen.originated();
        store.mirrored().lead();
        e.journal(store);
        epoch = e;
        diverged = false; // a laptop that had not handed its own sessions over yet leads its own journal, which keeps them
        primary = null;
        primaryLost = false;
        autoTakeover.cancel();
        role = MirrorConfig.Role.PRIMARY;
        shipper = new Shipper(store, this, events);
        store.mirrored().onCommit(shipper::committed);
        Thread t = new Thread(shipper, "encore-mirror-ship");
        t.setDaemon(true);
        t.start();
    }

    /** Becomes (or stays) the backup of {@code leader}; a laptop whose saves the leader lacks hands them over first. */
    synchronized void follow(JGroupsLink.Peer leader) {
        Wire.Status s = members.known(leader);
        if (isPrimary()) {
            LOG.warn("{} took over (epoch {}) while this laptop was away; this laptop is its backup now", leader.name(), s.epoch());
            store.mirrored().onCommit(null);
            shipper.stop();
            shipper = null;
        }
        role = MirrorConfig.Role.BACKUP;
        store.mirrored().follow(leader.name());
        primary = leader;
        primaryLost = false;
        autoTakeover.cancel();
        if (s == null) {
            return;
        }
        java.util.OptionalLong sharedUpTo = epoch.handOverAfter(s, store.mirrored().lastSeq());
        if (sharedUpTo.isPresent()) {
            // Its own records go to the leader as copies, then it starts over; until then (a copy not kept, a disk that
            // refuses the copy aside) it mirrors nothing, and its folder keeps everything it had. See HandOver. The
            // hand-over runs on the mirror's thread after this returns: a start does not wait for a show's audio to
            // cross the network, and nothing holds this monitor while it does (a stop needs it).
            diverged = true;
            events.state(MirrorEvents.BEHIND, 0);
            if (!handOverQueued) {
                handOverQueued = true;
                onWorker(() -> handOver(leader, sharedUpTo.getAsLong()));
            }
            return;
        }
        if (!diverged) {
            adoptLeadersHistory(s);
        }
    }

    /** Hands this laptop's own sessions to {@code leader}, then starts over; run on the mirror's thread, outside this monitor. */
    private void handOver(JGroupsLink.Peer leader, long sharedUpTo) {
        synchronized (this) {
            if (closing || isPrimary()) {
                handOverQueued = false; // it took over meanwhile (its primary was lost): it leads its own journal
                return;
            }
        }
        boolean done = false;
        try {
            done = !closing && new HandOver(store, link, config.nodeName(), () -> closing).run(leader, sharedUpTo);
        } catch (RuntimeException e) {
            LOG.error("Handing this laptop's sessions over to {} failed ({}); its folder keeps them, and the next start hands them over",
                    leader.name(), e.toString());
        } finally {
            synchronized (this) {
                handOverQueued = false;
                diverged = !done && !isPrimary();
                Wire.Status s = members.known(leader);
                if (done && s != null) {
                    adoptLeadersHistory(s);
                }
            }
        }
    }

    /** Under this monitor: a laptop that holds no records of its own takes the leader's history from the first record. */
    private void adoptLeadersHistory(Wire.Status s) {
        if (store.mirrored().lastSeq() == 0) {
            epoch = new Epoch(s.epoch(), s.epochBaseSeq(), s.epochOrigin()); // its records come from the first: its history is the leader's
        }
    }

    /**
     * A primary leads again after this backup lost it (a network cut that healed, a primary started
     * again) before any record came from it: the backup follows it, no longer says it is lost and
     * will not take over by itself; it says whether it holds what that primary holds.
     */
    synchronized void primaryBack(JGroupsLink.Peer leader) {
        if (!primaryLost || isPrimary()) {
            return;
        }
        LOG.info("The primary {} leads again; this laptop follows it", leader.name());
        follow(leader);
        Wire.Status s = members.known(leader);
        events.state(s != null && s.lastSeq() <= store.mirrored().lastSeq() ? MirrorEvents.MIRRORED : MirrorEvents.BEHIND, 0);
    }

    synchronized void lostPrimary(JGroupsLink.Peer p) {
        primaryLost = true;
        intake.abandonIncoming();
        LOG.warn("The primary {} is gone; send /encore/takeover to carry on from this laptop{}", p.name(),
                config.autoTakeover() ? " (it takes over by itself in " + config.takeoverDelayMs() + " ms)" : "");
        events.state(MirrorEvents.PRIMARY_LOST, 0);
        if (config.autoTakeover() && !diverged) {
            autoTakeover.arm(worker, config.takeoverDelayMs(), this::takeoverLater);
        }
    }

    /**
     * Leaves the group. A hand-over under way stops after the session it is sending (the folder keeps
     * the rest, and the next start hands them over); the mirror's thread is not interrupted, so a
     * journal write of its own is never cut off, and it is waited for at most the detection time
     * and a second (an answer the other laptop no longer gives).
     */
    @Override
    public void close() {
        closing = true;
        autoTakeover.cancel();
        Shipper s = shipper;
        if (s != null) {
            s.stop();
        }
        worker.shutdown();
        stage.shutdown();
        if (link != null) {
            link.close();
        }
        try {
            if (!worker.awaitTermination(config.detectionMs() + 1_000L, TimeUnit.MILLISECONDS)) {
                LOG.warn("The mirror's thread is still busy as the mirror closes; it stops with the engine");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (shipper != null) {
                shipper.stop(); // one a takeover started meanwhile
            }
            store.mirrored().onCommit(null);
        }
        intake.close();
    }
}
