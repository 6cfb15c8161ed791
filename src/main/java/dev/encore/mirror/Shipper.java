package dev.encore.mirror;

import dev.encore.store.MirroredRecord;
import dev.encore.store.SessionStore;
import java.io.DataInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's side: after each durable commit it sends the blobs the record names that the backup
 * lacks (asked by hash), then the record itself, and waits for the backup's answer: only then is the
 * commit {@code mirrored}. A backup that joins late or comes back after a cut gets what it lacks, in
 * order, from its last sequence number on, while the engine keeps playing; meanwhile it is
 * {@code behind}, with progress. Runs on its own thread; the store's commit only wakes it.
 */
final class Shipper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
    private static final int BATCH = 256;
    private static final long PROGRESS_EVERY_NS = 100_000_000L;

    private final SessionStore store;
    private final Mirror node;
    private final MirrorEvents events;
    private final BlobCourier courier;
    private final FailureLog failures = new FailureLog(LOG);
    private final Object wake = new Object();
    /** Records as the store committed them, newest last, so a backup that keeps up needs no read-back from the journal. */
    private final java.util.ArrayDeque<MirroredRecord> recent = new java.util.ArrayDeque<>();
    /** Backups by address: the last sequence number each is known to hold. */
    private final Map<Object, Long> acked = new HashMap<>();
    private volatile boolean stopped;
    private long lastCommitSeq;
    private long lastCommitAtNs;
    private boolean signalled;
    /** Under {@link #wake}: the last commit and state pushed, and whether one backup follows (so its answer alone is mirrored). */
    private long pushedSeq;
    private String pushedState;
    private boolean soleBackup;
    /** Under {@link #wake}: a catch-up is under way, whose progress reaches 1.0 before its mirrored. */
    private boolean catchingUpNow;

    /** A shipper for the primary {@code node}, whose audio goes by a courier of its own on the node's link. */
    Shipper(SessionStore store, Mirror node, MirrorEvents events) {
        this.store = store;
        this.node = node;
        this.events = events;
        this.courier = new BlobCourier(store, node.link());
    }

    /** The store's commit listener: remembers when the newest record was committed and wakes the thread. */
    void committed(MirroredRecord r) {
        synchronized (wake) {
            recent.addLast(r);
            if (recent.size() > BATCH) {
                recent.removeFirst();
            }
            lastCommitSeq = r.seq();
            lastCommitAtNs = System.nanoTime();
            signalled = true;
            wake.notifyAll();
        }
    }

    /** The group changed: backups that left are forgotten, new members are asked who they are. */
    void viewChanged() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
        }
    }

    void stop() {
        stopped = true;
        viewChanged();
    }

    @Override
    public void run() {
        while (!stopped) {
            awaitWork();
            if (stopped) {
                return;
            }
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warn("Mirroring paused after an error, trying again: {}", e.toString());
                sleep(200);
            }
        }
    }

    /**
     * One pass: every backup is brought up to date, then the state is pushed when it changed or a
     * commit was made since the last push (so each commit gets its answer).
     */
    private void round() {
        List<JGroupsLink.Peer> backups = node.backups();
        acked.keySet().removeIf(a -> backups.stream().noneMatch(b -> b.address().equals(a)));
        courier.keepOnly(backups);
        long commitSeq;
        long commitAt;
        synchronized (wake) {
            commitSeq = lastCommitSeq;
            commitAt = lastCommitAtNs;
            soleBackup = backups.size() == 1;
        }
        boolean whole = !backups.isEmpty();
        for (JGroupsLink.Peer b : backups) {
            whole &= bringUpToDate(b);
        }
        String state = backups.isEmpty() ? MirrorEvents.NO_BACKUP : whole ? MirrorEvents.MIRRORED : MirrorEvents.BEHIND;
        synchronized (wake) {
            if (state.equals(pushedState) && commitSeq <= pushedSeq) {
                return;
            }
            boolean fresh = commitSeq > pushedSeq && commitAt != 0;
            pushedSeq = Math.max(pushedSeq, commitSeq);
            push(state, fresh && !state.equals(MirrorEvents.NO_BACKUP) ? (System.nanoTime() - commitAt) / 1_000_000 : 0);
        }
    }

    /** Under {@link #wake}, so pushes from the shipping thread and from answers come in the order they were decided. */
    private void push(String state, long lagMs) {
        pushedState = state;
        events.state(state, lagMs);
    }

    /**
     * The backup's answer to record {@code seq}, on the thread that read it. When it is the only
     * backup and the record is the newest commit, that commit is mirrored now: it is said at once,
     * without waiting for the shipping thread to wake; the round's own push then has nothing new.
     */
    private void answered(long seq, byte[] answer) {
        if (answer.length == 0 || answer[0] != Wire.OK) {
            return;
        }
        synchronized (wake) {
            if (soleBackup && !catchingUpNow && seq == lastCommitSeq && seq > pushedSeq && lastCommitAtNs != 0) {
                pushedSeq = seq;
                push(MirrorEvents.MIRRORED, (System.nanoTime() - lastCommitAtNs) / 1_000_000);
            }
        }
    }

    /** Sends one backup what it lacks; true when it holds everything this store holds. */
    private boolean bringUpToDate(JGroupsLink.Peer backup) {
        Long known = acked.get(backup.address());
        if (known == null) {
            Wire.Status s = node.members().ask(backup);
            if (s == null) {
                return false;
            }
            known = s.lastSeq();
            acked.put(backup.address(), known);
        }
        long start = known;
        long target = store.mirrored().lastSeq();
        long lastProgress = 0;
        boolean catchingUp = target - start > 1;
        synchronized (wake) {
            catchingUpNow = catchingUp;
        }
        while (known < target && !stopped) {
            List<MirroredRecord> batch = after(known);
            if (batch.isEmpty()) {
                break;
            }
            for (MirroredRecord r : batch) {
                Long held = ship(backup, known, r, store.mirrored().lastSeq());
                if (held == null) {
                    acked.remove(backup.address());
                    courier.forget(backup); // what it holds is asked again: it may have lost audio since it said so
                    return false;
                }
                known = held;
                acked.put(backup.address(), known);
                if (held != r.seq()) {
                    break; // a gap: go on from what the backup says it holds
                }
                if (catchingUp && System.nanoTime() - lastProgress > PROGRESS_EVERY_NS) {
                    lastProgress = System.nanoTime();
                    synchronized (wake) {
                        push(MirrorEvents.BEHIND, 0);
                    }
                    events.progress(Math.min(0.99, (known - start) / (double) Math.max(1, target - start)));
                }
            }
            target = store.mirrored().lastSeq();
        }
        if (catchingUp && known >= target) {
            events.progress(1.0);
            LOG.info("Backup {} caught up to record {}", backup.name(), known);
        }
        return known >= target;
    }

    /** The records after {@code seq}: as committed when they are still at hand, else read back from the journal. */
    private List<MirroredRecord> after(long seq) {
        synchronized (wake) {
            List<MirroredRecord> out = new java.util.ArrayList<>();
            for (MirroredRecord r : recent) {
                if (r.seq() > seq && (out.isEmpty() ? r.prevSeq() == seq : true)) {
                    out.add(r);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return store.mirrored().recordsAfter(seq, BATCH);
    }

    /** The sequence number the backup holds after this record, or null when it could not take it. */
    private Long ship(JGroupsLink.Peer backup, long backupHolds, MirroredRecord r, long lastSeq) {
        try {
            courier.deliver(backup, r.assets());
            MirroredRecord chained = new MirroredRecord(backupHolds, r.seq(), r.typeCode(), r.payload(), r.assets());
            byte[] request = Wire.record(new Wire.Shipped(chained, lastSeq));
            // mirrored is said on the thread that reads the answer, before this thread is woken for the next record
            CompletableFuture<byte[]> answer = node.link().askInOrder(backup, request, 0, request.length).thenApply(bytes -> {
                try {
                    answered(r.seq(), bytes);
                } catch (RuntimeException e) {
                    LOG.warn("Saying that record {} is mirrored failed: {}", r.seq(), e.toString());
                }
                return bytes;
            });
            DataInputStream reply = Wire.reader(answer.get());
            byte status = reply.readByte();
            if (status == Wire.OK) {
                failures.taken(backup.name(), r.seq());
                return r.seq();
            }
            if (status == Wire.GAP) {
                return reply.readLong();
            }
            failures.notTaken(backup.name(), r.seq(), "it refused it: " + reply.readUTF());
        } catch (Refused e) {
            failures.notTaken(backup.name(), r.seq(), e.getMessage());
        } catch (Unreadable e) {
            failures.cannotSend(backup.name(), r.seq(), e.getMessage());
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            failures.notTaken(backup.name(), r.seq(), "it did not answer (" + cause + ")");
        }
        return null;
    }

    private void awaitWork() {
        synchronized (wake) {
            if (!signalled) {
                try {
                    wake.wait(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
            signalled = false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
