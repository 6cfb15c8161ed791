package dev.encore.mirror;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobWriter;
import dev.encore.store.Imports;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the other laptop's requests: who this laptop is, which blobs it lacks, pieces of a blob
 * (streamed into the blob store, which names the blob by the hash of what arrived, so a blob damaged
 * in transit never appears under the name the sender gave), journal records (kept verbatim by the
 * store, gaps answered with the last sequence number held) and session copies for a newer primary.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final SessionStore store;
    private final Mirror node;
    private final MirrorEvents events;
    private final Map<AssetId, Incoming> incoming = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "encore-mirror-intake");
        t.setDaemon(true);
        return t;
    });
    private long lastBehindPushNs;
    /** What this laptop's own disk refused (full, read-only, no permission), said once per cause and not at every try. */
    private final FailureLog refusals = new FailureLog(LOG);
    private static final java.util.Set<Reason> STORAGE = java.util.EnumSet.of(Reason.STORAGE_FULL, Reason.STORAGE_FAILURE,
            Reason.STORAGE_READ_ONLY, Reason.STORAGE_DENIED);

    /**
     * How many blobs may be arriving at once. A primary sends one at a time; more come only from
     * senders that stopped halfway, whose temp files must not pile up.
     */
    static final int MAX_INCOMING = 4;

    private static final class Incoming {
        final BlobWriter writer;
        final Object sender;
        final long startedNs = System.nanoTime();
        long next;

        Incoming(BlobWriter writer, Object sender) {
            this.writer = writer;
            this.sender = sender;
        }
    }

    Intake(SessionStore store, Mirror node, MirrorEvents events) {
        this.store = store;
        this.node = node;
        this.events = events;
    }

    /**
     * Answers one request. Pieces of audio and session copies are handled on the intake's own thread,
     * in the order they came, so the thread that reads the network never waits for the disk to take
     * megabytes, nor for a copy to be compared with every revision of its session (and the failure
     * detector's heartbeats never wait behind them); the rest is answered at once.
     */
    void answer(JGroupsLink.Peer from, ByteBuffer request, Consumer<byte[]> reply) {
        Once once = new Once(reply);
        byte kind = request.remaining() > 0 ? request.get(request.position()) : -1;
        if (kind == Wire.BLOB || kind == Wire.COPY) {
            try {
                writer.execute(() -> answerNow(from, request, once));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                once.accept(Wire.failed("this laptop's mirror is closing"));
            }
            return;
        }
        answerNow(from, request, once);
    }

    /** A reply given once: what a request's handling says after it has answered is only logged. */
    private static final class Once implements Consumer<byte[]> {
        private final Consumer<byte[]> reply;
        private boolean given;

        Once(Consumer<byte[]> reply) {
            this.reply = reply;
        }

        @Override
        public void accept(byte[] answer) {
            if (!given) {
                given = true;
                reply.accept(answer);
            }
        }
    }

    private void answerNow(JGroupsLink.Peer from, ByteBuffer request, Once reply) {
        try {
            DataInputStream in = Wire.reader(request);
            byte kind = in.readByte();
            switch (kind) {
                case Wire.STATUS -> reply.accept(node.settledRole() ? Wire.status(node.status())
                        : Wire.failed("still starting: its role is not settled yet"));
                case Wire.MISSING -> reply.accept(missing(Wire.readIds(in)));
                case Wire.BLOB -> reply.accept(piece(from, Wire.readPiece(request)));
                case Wire.RECORD -> record(from, Wire.readRecord(in), reply);
                case Wire.COPY -> reply.accept(copy(from, Wire.readCopy(in)));
                default -> reply.accept(Wire.failed("unknown request " + kind + "; both laptops need the same version of Encore"));
            }
        } catch (EncoreException e) {
            if (STORAGE.contains(e.reason())) {
                boolean said = refusals.failed(e.getMessage(), "This laptop cannot keep what the primary " + from.name() + " sends: "
                        + e.getMessage() + " Free disk space on the drive of this laptop's data folder (or let Encore write there); until"
                        + " then the primary says behind and sends it again.");
                if (said && node.isBackup()) {
                    // this laptop's own LEDs say it too: once per cause, as the line, not at each of the primary's tries
                    events.state(MirrorEvents.BEHIND, 0);
                }
            }
            failed(from, reply, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            failed(from, reply, "unreadable request: " + e, e);
        }
    }

    private static void failed(JGroupsLink.Peer from, Once reply, String message, Exception e) {
        if (reply.given) {
            LOG.warn("After answering a mirror request from {}: {}", from.name(), e.toString());
            return;
        }
        if (!(e instanceof EncoreException)) {
            LOG.warn("A mirror request from {} could not be read: {}", from.name(), e.toString());
        }
        reply.accept(Wire.failed(message));
    }

    private byte[] missing(Set<AssetId> ids) {
        return Wire.ids(Wire.OK, ids.stream().filter(id -> !store.blobs().exists(id)).collect(Collectors.toSet()));
    }

    private byte[] piece(JGroupsLink.Peer from, Wire.Piece p) {
        Incoming in = p.offset() == 0 ? restart(from, p.id()) : incoming.get(p.id());
        if (in == null || in.next != p.offset()) {
            return Wire.failed("audio " + p.id() + " arrived out of order at byte " + p.offset() + "; send it again from the start");
        }
        int length = p.bytes().remaining();
        in.writer.write(p.bytes());
        in.next += length;
        if (in.next < p.total()) {
            return Wire.ok();
        }
        incoming.remove(p.id());
        AssetId got = in.writer.commit();
        if (!got.equals(p.id())) {
            LOG.warn("Audio {} arrived damaged (its bytes hash to {}); it is asked for again", p.id(), got);
            return Wire.failed("audio " + p.id() + " arrived damaged (hashes to " + got + ")");
        }
        return Wire.ok();
    }

    /**
     * A blob starts arriving: what {@code from} sent of another blob is dropped (a sender sends one
     * blob at a time, so it stopped that one halfway), and so is the oldest blob still arriving when
     * {@link #MAX_INCOMING} are.
     */
    private Incoming restart(JGroupsLink.Peer from, AssetId id) {
        incoming.entrySet().removeIf(e -> {
            boolean stale = e.getKey().equals(id) || e.getValue().sender.equals(from.address());
            if (stale) {
                e.getValue().writer.close();
            }
            return stale;
        });
        while (incoming.size() >= MAX_INCOMING) {
            incoming.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().startedNs)).ifPresent(oldest -> {
                LOG.info("Audio {} stopped arriving halfway; what came of it is dropped", oldest.getKey());
                oldest.getValue().writer.close();
                incoming.remove(oldest.getKey());
            });
        }
        Incoming fresh = new Incoming(store.blobs().newWriter(), from.address());
        incoming.put(id, fresh);
        return fresh;
    }

    /** How many blobs are arriving now (each with a temp file open). */
    int arriving() {
        return incoming.size();
    }

    /**
     * A record from the primary: answered as soon as it is durable here (and applied), so the
     * primary's {@code mirrored} waits for nothing else; this laptop's own view of the epoch and its
     * push to its controllers follow the answer.
     */
    private void record(JGroupsLink.Peer from, Wire.Shipped s, Once reply) {
        if (node.handingOver()) {
            reply.accept(Wire.failed("this laptop is handing its own sessions over to the primary; it takes records once it has started over"));
            return;
        }
        if (!node.isBackup()) {
            reply.accept(Wire.failed("this laptop is a primary (epoch " + node.status().epoch() + "); it takes no records"));
            return;
        }
        node.heardFromPrimary(from);
        if (!store.mirrored().appendMirrored(s.record())) {
            reply.accept(Wire.gap(store.mirrored().lastSeq()));
            return;
        }
        reply.accept(Wire.ok());
        refusals.worked("This laptop keeps the primary's records again (record " + s.record().seq() + ")");
        node.adoptMirroredEpoch();
        received(s.record().seq(), s.senderLastSeq());
    }

    /** This backup took record {@code seq}; the primary holds up to {@code primaryLastSeq}. */
    private void received(long seq, long primaryLastSeq) {
        if (seq >= primaryLastSeq) {
            events.state(MirrorEvents.MIRRORED, 0);
        } else if (System.nanoTime() - lastBehindPushNs > 100_000_000L) {
            lastBehindPushNs = System.nanoTime();
            events.state(MirrorEvents.BEHIND, 0);
        }
    }

    private byte[] copy(JGroupsLink.Peer from, Wire.Copy c) throws IOException {
        if (node.isBackup()) {
            return Wire.failed("this laptop is a backup; it keeps no session copies of its own");
        }
        for (AssetId id : c.assets()) {
            if (!store.blobs().exists(id)) {
                return Wire.failed("audio " + id + " of '" + c.name() + "' has not arrived yet");
            }
        }
        ObjectNode snapshot = Imports.decodeSnapshot(c.snapshot(), "the copy of '" + c.name() + "'");
        java.util.Optional<String> same = heldAlike(c, snapshot);
        if (same.isPresent()) {
            LOG.info("'{}' from {} is kept here already, as {}", c.name(), from.name(), same.get());
            return Wire.ok();
        }
        String name = store.imports().uniqueName(c.name());
        store.create(name, snapshot, c.assets());
        LOG.warn("Kept '{}' from {} as session '{}': {} held it in a journal of its own, apart from this laptop's", c.name(), from.name(), name,
                from.name());
        return Wire.ok();
    }

    /**
     * The session here that already holds the copy alike, now or as one of its retained revisions:
     * a hand-over a crash made the sender repeat, or a session the sender's journal holds as this
     * laptop's once did (a show folder copied by hand before the two were mirrored). Only sessions
     * of the copy's own name (before the sender's suffix) are looked at.
     */
    private java.util.Optional<String> heldAlike(Wire.Copy c, ObjectNode snapshot) {
        for (dev.encore.store.SessionSummary s : store.list()) {
            if (!c.name().equals(s.name()) && !c.name().startsWith(s.name() + " (")) {
                continue;
            }
            if (store.find(s.id()).filter(now -> alike(now, snapshot, c)).isPresent()) {
                return java.util.Optional.of("'" + s.name() + "'");
            }
            for (dev.encore.store.Revision r : store.revisions().history(s.id())) {
                try {
                    if (alike(store.revisions().revision(s.id(), r.number()), snapshot, c)) {
                        return java.util.Optional.of("revision " + r.number() + " of '" + s.name() + "'");
                    }
                } catch (EncoreException unreadable) {
                    LOG.debug("Revision {} of '{}' cannot be read to compare: {}", r.number(), s.name(), unreadable.getMessage());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean alike(StoredSession held, ObjectNode snapshot, Wire.Copy c) {
        return held.snapshot().equals(snapshot) && held.assets().equals(c.assets());
    }

    /** Drops blobs that stopped arriving halfway (the sender left). */
    void abandonIncoming() {
        writer.execute(() -> {
            incoming.values().forEach(i -> i.writer.close());
            incoming.clear();
        });
    }

    /** Drops what stopped arriving halfway and stops the intake's thread. */
    void close() {
        writer.shutdownNow();
        try {
            writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        incoming.values().forEach(i -> i.writer.close());
        incoming.clear();
    }
}
