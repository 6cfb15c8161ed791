package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.audio.MediaFolders;
import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionEngine;
import dev.encore.store.Disk;
import dev.encore.store.SessionStore;
import dev.encore.store.StoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * One laptop of a mirror test: a real engine on a real data folder in a temp dir, its mirror on a real
 * JGroups channel bound to 127.0.0.1, and every /encore/mirror state it pushed, in order.
 */
final class Laptop implements AutoCloseable {
    static final int DETECTION_MS = 1500;

    final String name;
    final Path data;
    final Path media;
    final int port;
    /** With takeover: auto, how long a backup waits after primary lost before it takes over. */
    static final int TAKEOVER_DELAY_MS = 300;

    /** The host's restore callback, run on the engine thread as each session comes on stage (null: none). */
    dev.encore.session.RestoreListener host;
    final List<String> states = new CopyOnWriteArrayList<>();
    /** When each of {@link #states} was pushed (System.nanoTime). */
    final List<Long> statesAtNs = new CopyOnWriteArrayList<>();
    final List<Double> progress = new CopyOnWriteArrayList<>();
    SessionEngine engine;
    Mirror mirror;
    /** The disk this laptop's store writes through from its next start on. */
    Disk disk = Disk.local();

    private Laptop(String name, Path root, int port) throws IOException {
        this.name = name;
        this.data = root.resolve(name);
        this.media = Files.createDirectories(root.resolve("media-" + name));
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Laptop create(String name, Path root) throws IOException {
        return new Laptop(name, root, freePort());
    }

    /** The same laptop (folder, port) again, after it stopped. */
    Laptop again() throws IOException {
        return new Laptop(name, data.getParent(), port);
    }

    /** Starts the engine and joins the mirror as {@code role}, with {@code peer} as the one other laptop. */
    Laptop start(MirrorConfig.Role role, Laptop peer, boolean autoTakeover) {
        return start(role, List.of(peer), autoTakeover);
    }

    /** Starts the engine and joins the mirror as {@code role}, with {@code peers} as the other laptops. */
    Laptop start(MirrorConfig.Role role, List<Laptop> peers, boolean autoTakeover) {
        return start(new MirrorConfig(role, new InetSocketAddress("127.0.0.1", port),
                peers.stream().map(p -> new InetSocketAddress("127.0.0.1", p.port)).toList(), "encore-test", DETECTION_MS, autoTakeover,
                TAKEOVER_DELAY_MS, name));
    }

    /** Starts as {@link #start(MirrorConfig.Role, Laptop, boolean)} (takeover manual) on a link locked with {@code key} (null: open). */
    Laptop startKeyed(MirrorConfig.Role role, Laptop peer, MirrorKey key) {
        return startKeyedAmong(role, List.of(peer), key);
    }

    /** Starts as {@link #startKeyed}, with {@code peers} as the other laptops. */
    Laptop startKeyedAmong(MirrorConfig.Role role, List<Laptop> peers, MirrorKey key) {
        return start(new MirrorConfig(role, new InetSocketAddress("127.0.0.1", port),
                peers.stream().map(p -> new InetSocketAddress("127.0.0.1", p.port)).toList(), "encore-test", DETECTION_MS, false,
                TAKEOVER_DELAY_MS, name, null, key));
    }

    /** Starts as {@link #start(MirrorConfig.Role, Laptop, boolean)}, reached by its peer at {@code advertised} and reaching it at {@code peerAt}. */
    Laptop startReachedAt(MirrorConfig.Role role, InetSocketAddress advertised, InetSocketAddress peerAt) {
        return start(new MirrorConfig(role, new InetSocketAddress("127.0.0.1", port), List.of(peerAt), "encore-test", DETECTION_MS, false,
                TAKEOVER_DELAY_MS, name, advertised, null));
    }

    private Laptop start(MirrorConfig config) {
        dev.encore.session.EngineBuilder builder = SessionEngine.builder(data).storeOptions(StoreOptions.DEFAULTS.asMirrored())
                .disk(disk).media(MediaFolders.of(List.of(media)));
        if (host != null) {
            builder.onRestore(host);
        }
        engine = builder.start();
        mirror = Mirror.start(config, engine, new MirrorEvents() {
            @Override
            public void state(String state, long lagMs) {
                statesAtNs.add(System.nanoTime());
                states.add(state);
            }

            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }
        });
        return this;
    }

    SessionStore store() {
        return engine.store();
    }

    Result run(Action action) {
        try {
            Result r = engine.submit(action).get(20, TimeUnit.SECONDS);
            engine.settle().get(20, TimeUnit.SECONDS);
            return r;
        } catch (Exception e) {
            throw new AssertionError("no result for " + action, e);
        }
    }

    Result.Ok ok(Action action) {
        Result r = run(action);
        assertTrue(r.ok(), () -> name + ": " + action + " failed: " + r);
        return (Result.Ok) r;
    }

    /** A real WAV file of {@code seconds} of a tone in this laptop's media folder. */
    Path wav(String file, double seconds, double freq) throws Exception {
        float rate = 48_000;
        int frames = (int) (seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * freq * i / rate) * 12_000));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        Path out = media.resolve(file);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out.toFile());
        }
        return out;
    }

    /** Waits (up to 20 s) until {@code condition} holds. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Starts {@code primary} and its {@code backup} (which takes over by itself when
     * {@code autoTakeover}) and waits until the primary sees it.
     */
    static void startPair(Laptop primary, Laptop backup, boolean autoTakeover) {
        primary.start(MirrorConfig.Role.PRIMARY, backup, false);
        backup.start(MirrorConfig.Role.BACKUP, primary, autoTakeover);
        until("the primary sees its backup", () -> !primary.mirror.backups().isEmpty());
    }

    /** This primary saves "Opener" with gain {@code gain}, and {@code backup} holds it. */
    void savesOpenerMirroredTo(Laptop backup, double gain) {
        engine.live().param("/gain").set(gain);
        ok(new Action.Save("Opener"));
        mirroredTo(backup);
    }

    /** Waits until the other laptop holds everything this one does. */
    void mirroredTo(Laptop backup) {
        until(backup.name + " holds record " + store().mirrored().lastSeq() + " of " + name,
                () -> backup.store().mirrored().lastSeq() == store().mirrored().lastSeq());
    }

    String lastState() {
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    @Override
    public void close() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
