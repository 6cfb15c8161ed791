package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file that locks the mirror link: made by keytool, read back, refused when wrong, and the TLS it gives. */
class MirrorKeyTest {
    @TempDir
    Path dir;
    private final MirrorKey ours = TestKeys.show();
    private final MirrorKey theirs = TestKeys.another();

    @Test
    void aKeyIsMadeReadableByItsOwnerOnlyAndReadsBackWithTheSameFingerprint() throws Exception {
        Path file = dir.resolve("keys").resolve("show.p12");
        MirrorKey made = MirrorKey.create(file);
        assertEquals(file.toAbsolutePath(), made.file());
        assertTrue(made.fingerprint().matches("[0-9A-F]{4}(-[0-9A-F]{4}){3}"), made.fingerprint());
        assertEquals(made.fingerprint(), MirrorKey.load(file).fingerprint());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        }
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no scratch file is left beside the key");
        }
        assertNotEquals(made.fingerprint(), ours.fingerprint(), "each key made is new");
        assertNotEquals(ours.fingerprint(), theirs.fingerprint(), "each key made is new");
    }

    @Test
    void anExistingFileIsNeverReplaced() throws Exception {
        Path file = dir.resolve("show.p12");
        MirrorKey.create(file);
        byte[] before = Files.readAllBytes(file);
        EncoreException e = assertThrows(EncoreException.class, () -> MirrorKey.create(file));
        assertEquals(Reason.BAD_CONFIG, e.reason());
        assertTrue(e.getMessage().contains("exists already and is not replaced"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));

        Path notAKey = Files.writeString(dir.resolve("setlist.txt"), "Opener\nBallad\n");
        assertThrows(EncoreException.class, () -> MirrorKey.create(notAKey));
        assertEquals("Opener\nBallad\n", Files.readString(notAKey));
    }

    @Test
    void aMissingEmptyForeignOrCutShortFileIsRefusedNamingTheFileAndHowToMakeOne() throws Exception {
        assertRefused(dir.resolve("nowhere.p12"), "does not exist", "encore mirror-key nowhere.p12");
        assertRefused(Files.write(dir.resolve("empty.p12"), new byte[0]), "is not a mirror key, or it is damaged", "encore mirror-key");
        assertRefused(Files.writeString(dir.resolve("notes.p12"), "not a key"), "is not a mirror key, or it is damaged", "encore mirror-key");
        byte[] bytes = Files.readAllBytes(ours.file());
        byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertRefused(Files.write(dir.resolve("half.p12"), half), "is not a mirror key, or it is damaged", "Copy it again");
    }

    @Test
    void aKeyStoreWithoutTheMirrorsPrivateKeyIsRefused() throws Exception {
        MirrorKey made = ours;
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        KeyStore original = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(made.file())) {
            original.load(in, "encore-mirror".toCharArray());
        }
        certificateOnly.setCertificateEntry(MirrorKey.ALIAS, original.getCertificate(MirrorKey.ALIAS));
        Path file = dir.resolve("certificate-only.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            certificateOnly.store(out, "encore-mirror".toCharArray());
        }
        assertRefused(file, "holds no mirror key", "encore mirror-key");
    }

    @Test
    void aFlippedBitAnywhereInTheKeyFileIsRefusedOrLeavesTheSameKey() throws Exception {
        String fingerprint = ours.fingerprint();
        byte[] bytes = Files.readAllBytes(ours.file());
        int refused = 0;
        int positions = 0;
        for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 48)) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) (1 << (at % 8));
            Path file = Files.write(dir.resolve("flipped-" + at + ".p12"), flipped);
            positions++;
            try {
                assertEquals(fingerprint, MirrorKey.load(file).fingerprint(), "a flip at byte " + at + " gave another key");
            } catch (EncoreException e) {
                assertEquals(Reason.BAD_CONFIG, e.reason());
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > positions / 2, "most flips are caught by the file's own integrity check: " + refused + " of " + positions);
    }

    @Test
    void tlsWithTheSameKeyConnectsAndWithAnotherOrNoneIsRefusedAndLogged() throws Exception {
        assertEquals("hello", handshake(ours.context(), ours.context()));

        List<String> said = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                said.add(new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(MirrorKey.class.getName());
        logger.addHandler(capture);
        try {
            assertThrows(IOException.class, () -> handshake(ours.context(), theirs.context()), "a client with another key");
            assertThrows(IOException.class, () -> handshake(theirs.context(), ours.context()), "a server with another key");
            SSLContext noKey = SSLContext.getInstance("TLSv1.3");
            noKey.init(null, new javax.net.ssl.TrustManager[] {trustingAll()}, null);
            assertThrows(IOException.class, () -> handshake(ours.context(), noKey), "a client with no key at all");
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(said.stream().anyMatch(s -> s.contains(theirs.fingerprint()) && s.contains(ours.fingerprint())
                && s.contains("not let in")), said.toString());
    }

    /** Serves one TLS connection with {@code server}, connects with {@code client}, and returns what the server read. */
    private static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(true);
            listening.setEnabledProtocols(new String[] {MirrorKey.PROTOCOL});
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listening.accept()) {
                    s.setSoTimeout(10_000);
                    return new String(s.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    return "refused: " + e;
                }
            }, r -> new Thread(r, "tls-server").start()); // not the common pool: a server left waiting must not hold up the next
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                s.setSoTimeout(10_000);
                s.setEnabledProtocols(new String[] {MirrorKey.PROTOCOL});
                s.startHandshake();
                s.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } // closed before the server's answer is awaited: a TLS close waits for the other side's
            String got = read.get(20, TimeUnit.SECONDS);
            if (!got.equals("hello")) {
                throw new SSLException("the server did not take the connection: " + got);
            }
            return got;
        }
    }

    private static javax.net.ssl.X509TrustManager trustingAll() {
        return new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
    }

    private static void assertRefused(Path file, String what, String next) {
        EncoreException e = assertThrows(EncoreException.class, () -> MirrorKey.load(file));
        assertEquals(Reason.BAD_CONFIG, e.reason());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(what) && e.getMessage().contains(next),
                e.getMessage());
    }
}
