package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.session.Action;
import dev.encore.store.AssetId;
import dev.encore.store.SessionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror link locked with a key: real JGroups channels over TLS on loopback, and laptops and senders without the key. */
class KeyedMirrorTest {
    /** Longer than a few rounds of discovery and merging (the merge interval is at most the detection time). */
    private static final long KEPT_OUT_MS = 2L * Laptop.DETECTION_MS;

    @TempDir
    Path root;
    private final MirrorKey key = TestKeys.show();
    private final MirrorKey another = TestKeys.another();

    private Laptop left;
    private Laptop right;
    private Laptop third;

    @AfterEach
    void stop() {
        for (Laptop l : new Laptop[] {third, right, left}) {
            if (l != null) {
                l.close();
            }
        }
    }

    @Test
    void aPairHoldingOneKeyMirrorsSavesWithTheirAudio() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        left.startKeyed(MirrorConfig.Role.PRIMARY, right, key);
        right.startKeyed(MirrorConfig.Role.BACKUP, left, MirrorKey.load(key.file()));
        Laptop.until("the primary sees its backup", () -> !left.mirror.backups().isEmpty());

        left.ok(new Action.ImportTrack(left.wav("song.wav", 1.0, 330), null, null));
        left.engine.live().param("/gain").set(0.6);
        left.ok(new Action.Save("Opener"));
        left.ok(new Action.SaveCopy("Ballad"));
        left.mirroredTo(right);
        Laptop.until("the primary said mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
        assertEquals(names(left), names(right));
        Set<AssetId> audio = left.store().list().stream().flatMap(s -> left.store().find(s.id()).orElseThrow().assets().stream())
                .collect(Collectors.toSet());
        assertFalse(audio.isEmpty(), "the track's audio is in the sessions");
        audio.forEach(id -> right.store().blobs().verify(id));
    }

    @Test
    void laptopsWithAnotherKeyOrNoneAreNotLetInAndReceiveNothingUntilTheyHoldTheKey() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        third = Laptop.create("third", root);
        left.startKeyed(MirrorConfig.Role.PRIMARY, right, key);
        right.startKeyed(MirrorConfig.Role.BACKUP, left, another);
        third.startKeyedAmong(MirrorConfig.Role.BACKUP, List.of(left, right), null);
        left.engine.live().param("/gain").set(0.4);
        left.ok(new Action.Save("Opener"));
        Thread.sleep(KEPT_OUT_MS);

        assertTrue(left.mirror.backups().isEmpty(), "the primary let in a laptop without its key");
        assertEquals(MirrorEvents.NO_BACKUP, left.lastState());
        assertEquals(0, right.store().list().size(), "a laptop with another key received sessions");
        assertEquals(0, third.store().list().size(), "a laptop with no key received sessions");
        assertEquals(0, right.store().mirrored().lastSeq());
        assertEquals(0, third.store().mirrored().lastSeq());
        assertTrue(right.mirror.backups().isEmpty() && third.mirror.backups().isEmpty(), "the keyed and the open backup met");

        // The key was all they lacked: the one given it now joins and catches up.
        right.close();
        right = Laptop.create("right", root);
        right.startKeyed(MirrorConfig.Role.BACKUP, left, MirrorKey.load(key.file()));
        left.mirroredTo(right);
        assertEquals(names(left), names(right));
        assertEquals(0, third.store().list().size(), "the open laptop still received nothing");
    }

    @Test
    void aSenderWithoutTheKeyCanNeitherSpeakNorListenAndTheMirrorCarriesOn() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        left.startKeyed(MirrorConfig.Role.PRIMARY, right, key);
        right.startKeyed(MirrorConfig.Role.BACKUP, left, key);
        Laptop.until("the primary sees its backup", () -> !left.mirror.backups().isEmpty());
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        long heldBefore = right.store().mirrored().lastSeq();

        for (Laptop target : List.of(left, right)) {
            // What a plain JGroups peer opens with (its cookie and version), then junk: the TLS side answers no JGroups.
            byte[] said = plainSend(target.port, concat("bela".getBytes(StandardCharsets.US_ASCII), new byte[] {0x05, 0x04},
                    "forged record of a session".getBytes(StandardCharsets.UTF_8)));
            assertFalse(new String(said, StandardCharsets.ISO_8859_1).contains("bela"), "the keyed port spoke plain JGroups");
            assertThrows(IOException.class, () -> tlsWith(another, target.port), "a TLS client with another key was let in");
        }
        assertEquals(heldBefore, right.store().mirrored().lastSeq(), "something from the senders was journaled");

        left.engine.live().param("/gain").set(0.8);
        left.ok(new Action.SaveCopy("Encore"));
        left.mirroredTo(right);
        assertEquals(names(left), names(right));
        assertTrue(left.mirror.backups().size() == 1, "the pair is still one group");
    }

    /** Connects without TLS, writes {@code bytes}, and returns all the server sent until it closed (at most 10 s). */
    private static byte[] plainSend(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            return in.readAllBytes();
        }
    }

    /** A TLS handshake with {@code key}'s context and one byte written and read back, which a refused peer never gets. */
    private static void tlsWith(MirrorKey key, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) key.context().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.getOutputStream().write(new byte[] {'b', 'e', 'l', 'a'});
            s.getOutputStream().flush();
            if (s.getInputStream().read() < 0) {
                throw new IOException("closed by the keyed side");
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<String> names(Laptop l) {
        return l.store().list().stream().map(SessionSummary::name).toList();
    }
}
