package dev.encore.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.mirror.LinkBaseline;
import dev.encore.mirror.Mirror;
import dev.encore.mirror.MirrorConfig;
import dev.encore.mirror.MirrorEvents;
import dev.encore.mirror.MirrorKey;
import dev.encore.session.SessionEngine;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoreOptions;
import dev.encore.store.StoredSession;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mirror's promise: a save's {@code mirrored} comes within a second and close to what sending its
 * bytes over loopback TCP and waiting for a one-byte answer costs (with no track, and with a track
 * the backup holds from the first save on); new audio reaches the backup at
 * least at half the speed of a raw loopback TCP stream of the same bytes. Two engines in this JVM, on
 * real data folders, with their mirrors on JGroups over 127.0.0.1; each round times the mirror (from
 * the commit's return to the primary hearing {@code mirrored}) and two raw sends of the same bytes,
 * taking turns which goes first: one the receiver only reads before answering ({@code rawTcp}), and
 * one the receiver also writes to disk and forces before answering ({@code rawTcpForced}), as the
 * backup must (a record appended to a preallocated file and {@code fdatasync}ed like the journal; audio
 * written to a new file and {@code fsync}ed like a blob). The same bytes also go as one request over
 * two bare links with the mirror's own JGroups stack ({@code jgroups}, and {@code jgroupsForced} with
 * the record appended and forced before the answer): the floor of any mirror built on JGroups.
 * A second pair, alike but on a link locked with a mirror key (TLS 1.3), takes its turn in the same
 * rounds ({@code mirrorKeyed}), so what the lock costs is measured against the open link of the same run.
 * Warm-up is long because the mirror's path (JGroups, the store, CBOR) is far more code for the JIT
 * than a socket read, and its figures keep falling for the first twenty seconds or so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djava.net.preferIPv4Stack=true")
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 4, time = 4)
public class MirrorBenchmark {
    static final int AUDIO_MIB = 16;

    private Scratch scratch;
    /** The pair on an open link, and the same on a link locked with a key (TLS). */
    private Pair open;
    private Pair keyed;
    /** Kilobytes of the one track the session has (0: none); the backup holds it from the first save on. */
    @Param({"0", "256"})
    public int trackKib;
    private ServerSocket rawServer;
    private Socket raw;
    private DataOutputStream rawOut;
    private DataInputStream rawIn;
    private Thread rawEcho;
    private byte[] audio;
    private byte[] audioFramed;
    private LinkBaseline link;
    private long generation;

    /** Nanoseconds spent mirroring and sending raw (read only, and forced) in this iteration, and how many rounds ran. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class MirrorNanos {
        public long mirror;
        public long mirrorKeyed;
        public long rawTcp;
        public long rawTcpForced;
        public long jgroups;
        public long jgroupsForced;
        public long rounds;

        @Setup(Level.Iteration)
        public void reset() {
            mirror = 0;
            mirrorKeyed = 0;
            rawTcp = 0;
            rawTcpForced = 0;
            jgroups = 0;
            jgroupsForced = 0;
            rounds = 0;
        }
    }

    /** What the raw receiver does with a message before it answers. */
    private static final byte READ_ONLY = 0;
    private static final byte RECORD_FORCED = 1;
    private static final byte FILE_FORCED = 2;

    @Setup(Level.Trial)
    public void stage() throws Exception {
        scratch = new Scratch("mirror");
        open = new Pair(scratch.resolve("open"), null, trackKib);
        keyed = new Pair(scratch.resolve("keyed"), MirrorKey.create(scratch.resolve("mirror.p12")), trackKib);
        audio = new byte[AUDIO_MIB * StageAudio.MIB];
        StageAudio.fill(ByteBuffer.wrap(audio), 11);
        audioFramed = new byte[audio.length + 1];
        System.arraycopy(audio, 0, audioFramed, 1, audio.length);
        startRawEcho();
        link = LinkBaseline.start(scratch.resolve("link"), freePort(), freePort());
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        raw.close();
        rawServer.close();
        link.close();
        keyed.close();
        open.close();
        scratch.close();
    }

    /**
     * A metadata save mirrored, against its record's bytes sent raw over loopback TCP and answered
     * (read; appended and forced), and over bare JGroups links (the same two ways).
     */
    @Benchmark
    public void metadataRound(MirrorNanos nanos) throws Exception {
        int first = (int) (nanos.rounds % STEPS);
        for (int k = 0; k < STEPS; k++) {
            switch ((first + k) % STEPS) {
                case 0 -> nanos.mirror += open.commit(open.assets);
                case 1 -> nanos.rawTcp += rawSend(lastRecord(), READ_ONLY);
                case 2 -> nanos.rawTcpForced += rawSend(lastRecord(), RECORD_FORCED);
                case 3 -> nanos.jgroups += link.roundTrip(framed(lastRecord()), false);
                case 4 -> nanos.jgroupsForced += link.roundTrip(framed(lastRecord()), true);
                default -> nanos.mirrorKeyed += keyed.commit(keyed.assets);
            }
        }
        nanos.rounds++;
    }

    private static final int STEPS = 6;

    /** {@code bytes} after a byte for the baseline link's mode. */
    private static byte[] framed(byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    /**
     * A save naming 16 MiB of new audio mirrored (audio then record), against the same bytes sent raw
     * (read; written and forced) and as one request over bare JGroups links (read).
     */
    @Benchmark
    public void audioRound(MirrorNanos nanos) throws Exception {
        int first = (int) (nanos.rounds % 5);
        for (int k = 0; k < 5; k++) {
            switch ((first + k) % 5) {
                case 0 -> nanos.mirror += open.commitNewAudio(audio, ++generation);
                case 1 -> nanos.rawTcp += rawSend(audio, READ_ONLY);
                case 2 -> nanos.jgroups += link.roundTrip(audioFramed, false);
                case 3 -> nanos.rawTcpForced += rawSend(audio, FILE_FORCED);
                default -> nanos.mirrorKeyed += keyed.commitNewAudio(audio, ++generation);
            }
        }
        nanos.rounds++;
    }

    private byte[] lastRecord() {
        SessionStore store = open.store();
        return store.mirrored().recordsAfter(store.mirrored().lastSeq() - 1, 1).get(0).payload();
    }

    private long rawSend(byte[] bytes, byte mode) throws IOException {
        long start = System.nanoTime();
        rawOut.writeByte(mode);
        rawOut.writeInt(bytes.length);
        rawOut.write(bytes);
        rawOut.flush();
        if (rawIn.read() != 1) {
            throw new IOException("the raw echo did not answer");
        }
        return System.nanoTime() - start;
    }

    private static ObjectNode document(long generation) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ObjectNode params = n.putObject("params");
        for (int i = 0; i < 64; i++) {
            params.put("/mix/" + i, (generation + i) / 1000.0);
        }
        n.putArray("tracks");
        return n;
    }

    /** A primary and its backup, each an engine on its own data folder, mirrored on loopback (over TLS with a key). */
    private static final class Pair implements AutoCloseable {
        final SessionEngine primaryEngine;
        final SessionEngine backupEngine;
        final Mirror primary;
        final Mirror backup;
        final Set<AssetId> assets;
        final StoredSession session;
        private final AtomicLong mirrored = new AtomicLong();
        /** When the primary last said {@code mirrored} (the moment it would push it to the controllers). */
        private volatile long mirroredAtNs;
        /** The thread waiting for the next {@code mirrored}, woken when it is said. */
        private volatile Thread waiting;
        private long generation;

        Pair(Path dir, MirrorKey key, int trackKib) {
            int primaryPort = freePort();
            int backupPort = freePort();
            primaryEngine = SessionEngine.builder(dir.resolve("primary")).storeOptions(StoreOptions.DEFAULTS.asMirrored()).start();
            backupEngine = SessionEngine.builder(dir.resolve("backup")).storeOptions(StoreOptions.DEFAULTS.asMirrored()).start();
            primary = Mirror.start(config(MirrorConfig.Role.PRIMARY, primaryPort, backupPort, "bench-primary").withKey(key), primaryEngine,
                    counting());
            backup = Mirror.start(config(MirrorConfig.Role.BACKUP, backupPort, primaryPort, "bench-backup").withKey(key), backupEngine, quiet());
            if (trackKib > 0) {
                byte[] track = new byte[trackKib << 10];
                StageAudio.fill(ByteBuffer.wrap(track), 5);
                assets = Set.of(store().blobs().put(track));
            } else {
                assets = Set.of();
            }
            session = store().create("Bench", document(0), assets);
            awaitBackupHoldsAll();
        }

        SessionStore store() {
            return primaryEngine.store();
        }

        /** Commits a save, then times from its return until the primary hears that the backup holds it. */
        long commit(Set<AssetId> with) {
            long before = mirrored.get();
            waiting = Thread.currentThread();
            store().update(session.id(), document(++generation), with);
            long start = System.nanoTime();
            while (mirrored.get() == before) {
                LockSupport.parkNanos(this, 1_000_000);
            }
            return Math.max(0, mirroredAtNs - start);
        }

        /** Stores {@code audio} (made new by {@code mark}) and times a save naming it, as {@link #commit}. */
        long commitNewAudio(byte[] audio, long mark) {
            ByteBuffer.wrap(audio).putLong(0, mark);
            return commit(Set.of(store().blobs().put(audio)));
        }

        private void awaitBackupHoldsAll() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (backupEngine.store().mirrored().lastSeq() != store().mirrored().lastSeq()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the backup did not catch up");
                }
                LockSupport.parkNanos(1_000_000);
            }
        }

        private MirrorEvents counting() {
            return new MirrorEvents() {
                @Override
                public void state(String state, long lagMs) {
                    if (MIRRORED.equals(state)) {
                        mirroredAtNs = System.nanoTime();
                        mirrored.incrementAndGet();
                        Thread w = waiting;
                        if (w != null) {
                            LockSupport.unpark(w);
                        }
                    }
                }

                @Override
                public void progress(double fraction) {
                    // catch-up progress is not timed
                }
            };
        }

        @Override
        public void close() {
            backup.close();
            primary.close();
            backupEngine.close();
            primaryEngine.close();
        }
    }

    /**
     * A receiver that reads each length-prefixed message whole and answers one byte: acknowledged
     * delivery, nothing more, or with the bytes made durable first (see {@link #RECORD_FORCED}, {@link #FILE_FORCED}).
     */
    private void startRawEcho() throws IOException {
        rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Path rawDir = scratch.resolve("raw");
        rawEcho = new Thread(() -> {
            try (Socket s = rawServer.accept(); RawDisk disk = new RawDisk(rawDir)) {
                s.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] buffer = new byte[AUDIO_MIB * StageAudio.MIB];
                while (true) {
                    byte mode = in.readByte();
                    int n = in.readInt();
                    in.readFully(buffer, 0, n);
                    if (mode == RECORD_FORCED) {
                        disk.appendForced(buffer, n);
                    } else if (mode == FILE_FORCED) {
                        disk.newFileForced(buffer, n);
                    }
                    s.getOutputStream().write(1);
                }
            } catch (IOException e) {
                // the benchmark closed the connection
            }
        }, "raw-echo");
        rawEcho.setDaemon(true);
        rawEcho.start();
        raw = new Socket(InetAddress.getLoopbackAddress(), rawServer.getLocalPort());
        raw.setTcpNoDelay(true);
        rawOut = new DataOutputStream(new java.io.BufferedOutputStream(raw.getOutputStream(), 1 << 16));
        rawIn = new DataInputStream(raw.getInputStream());
    }

    /** The raw receiver's disk: a preallocated journal-like file appended to, and new files as blobs are. */
    private static final class RawDisk implements AutoCloseable {
        private static final long JOURNAL_BYTES = 64L << 20;
        private final Path dir;
        private final FileChannel journal;
        private long at;
        private int files;

        RawDisk(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
            journal = FileChannel.open(dir.resolve("journal"), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            journal.write(ByteBuffer.allocate(1), JOURNAL_BYTES - 1);
            journal.force(true);
        }

        void appendForced(byte[] bytes, int n) throws IOException {
            if (at + n > JOURNAL_BYTES) {
                at = 0;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
            while (b.hasRemaining()) {
                at += journal.write(b, at);
            }
            journal.force(false);
        }

        /** Writes a new file and forces it; the one before the last is deleted, so the folder stays small. */
        void newFileForced(byte[] bytes, int n) throws IOException {
            Path file = dir.resolve("blob-" + (++files));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.deleteIfExists(dir.resolve("blob-" + (files - 2)));
        }

        @Override
        public void close() throws IOException {
            journal.close();
        }
    }

    private static MirrorEvents quiet() {
        return new MirrorEvents() {
            @Override
            public void state(String state, long lagMs) {
                // the backup's own view is not timed
            }

            @Override
            public void progress(double fraction) {
                // not timed
            }
        };
    }

    private static MirrorConfig config(MirrorConfig.Role role, int port, int peer, String name) {
        return new MirrorConfig(role, new InetSocketAddress("127.0.0.1", port), List.of(new InetSocketAddress("127.0.0.1", peer)),
                "encore-bench", 3000, false, 0, name);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
