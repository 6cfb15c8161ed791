package dev.encore.mirror;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret both laptops of a mirror hold: a private key and its self-signed certificate in one
 * PKCS#12 file, made by {@code encore mirror-key}. With it the mirror speaks TLS 1.3 only, and each
 * side lets in only a peer that proves it holds the same key (both present the certificate, and it is
 * the one certificate each trusts). Without the file nobody can join the group, send a record or read
 * one off the wire. The file is the secret: its password is fixed and says nothing, as with an SSH key
 * kept without a passphrase.
 */
public final class MirrorKey {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorKey.class);
    static final String ALIAS = "encore-mirror";
    private static final char[] PASSWORD = "encore-mirror".toCharArray();
    static final String PROTOCOL = "TLSv1.3";

    private final Path file;
    private final KeyStore store;
    private final X509Certificate certificate;
    private final String fingerprint;

    private MirrorKey(Path file, KeyStore store, X509Certificate certificate) {
        this.file = file;
        this.store = store;
        this.certificate = certificate;
        this.fingerprint = fingerprintOf(certificate);
    }

    /**
     * Reads the key file.
     *
     * @throws EncoreException BAD_CONFIG naming the file, what is wrong with it and how to make a good one
     */
    public static MirrorKey load(Path file) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
        } catch (NoSuchFileException e) {
            throw refused(file, "does not exist", "Make it on one laptop with `encore mirror-key " + file.getFileName()
                    + "` and copy it to the other");
        } catch (AccessDeniedException e) {
            throw refused(file, "cannot be read by this user", "Give the user running Encore read permission on it");
        } catch (IOException | GeneralSecurityException e) {
            throw refused(file, "is not a mirror key, or it is damaged (" + e.getMessage() + ")",
                    "Copy it again from the laptop that made it, or make a new one with `encore mirror-key` and copy it to both laptops");
        }
        try {
            if (!(store.getKey(ALIAS, PASSWORD) instanceof PrivateKey) || !(store.getCertificate(ALIAS) instanceof X509Certificate c)) {
                throw refused(file, "holds no mirror key (no entry '" + ALIAS + "' with a private key)",
                        "Make one with `encore mirror-key` and copy it to both laptops");
            }
            return new MirrorKey(file, store, c);
        } catch (GeneralSecurityException e) {
            throw refused(file, "holds a key that cannot be read (" + e.getMessage() + ")",
                    "Make a new one with `encore mirror-key` and copy it to both laptops");
        }
    }

    /**
     * Makes a new key file at {@code file}, readable by this user only where the file system has such
     * permissions. An existing file is never replaced: the other laptop may hold that key.
     *
     * @throws EncoreException BAD_CONFIG when the file exists or cannot be made, with the next step
     */
    public static MirrorKey create(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw refused(target, "exists already and is not replaced (the other laptop may hold this key)",
                    "Name another file, or move this one away first");
        }
        Path folder = target.getParent();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw refused(target, "cannot be made: this Java has no keytool (" + keytool + ")",
                    "Run the command with a full JDK 17 or newer, which has it");
        }
        Path scratch = null;
        try {
            Files.createDirectories(folder);
            scratch = folder.resolve("." + target.getFileName() + ".making-" + ProcessHandle.current().pid());
            Files.deleteIfExists(scratch);
            runKeytool(keytool, scratch);
            restrict(scratch);
            MirrorKey made = load(scratch);
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
            return new MirrorKey(target, made.store, made.certificate);
        } catch (FileAlreadyExistsException e) {
            throw refused(target, "appeared while the key was made and is not replaced", "Name another file");
        } catch (IOException e) {
            throw refused(target, "cannot be made (" + e.getMessage() + ")", "Check that its folder is writable");
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // Only a scratch file of this process; a later run names its own.
                }
            }
        }
    }

    private static void runKeytool(Path keytool, Path out) throws IOException {
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "36500", "-dname", "CN=Encore mirror", "-storetype", "PKCS12",
                "-keystore", out.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + said);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** The file the key was read from. */
    public Path file() {
        return file;
    }

    /**
     * A short fingerprint of the key (the first 8 bytes of its certificate's SHA-256, in four groups),
     * the same on every laptop that holds this key: compare them to see that two laptops hold one key.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * A TLS 1.3 context that presents this key and lets in only a peer presenting it too (the
     * handshake proves the peer holds the private key; the certificate must be this one, byte for
     * byte, whatever the laptop's clock says); a peer refused for another key is logged with both
     * fingerprints.
     */
    SSLContext context() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys.getKeyManagers(), new TrustManager[] {new OnlyThisKey()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw refused(file, "cannot be used for TLS (" + e.getMessage() + ")", "Make a new one with `encore mirror-key` and copy it to both laptops");
        }
    }

    /** Fingerprints as {@link #fingerprint()} gives them. */
    static String fingerprintOf(X509Certificate c) {
        try {
            String hex = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()), 0, 8);
            return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static EncoreException refused(Path file, String what, String next) {
        return new EncoreException(Reason.BAD_CONFIG, "The mirror key " + file + " " + what + ". " + next
                + "; both laptops must name the same key file in mirror.key (or --mirror-key).");
    }

    /** The trust manager that lets in this key's certificate only, and says so when a peer offers another. */
    private final class OnlyThisKey extends X509ExtendedTrustManager {
        /** When each other key was last reported, so a peer that keeps trying is logged once a minute. */
        private final Map<String, Long> reported = new ConcurrentHashMap<>();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, socket == null ? null : socket.getInetAddress());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, socket == null ? null : socket.getInetAddress());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, engine == null ? null : engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, engine == null ? null : engine.getPeerHost());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {certificate};
        }

        private void check(X509Certificate[] chain, Object peer) throws CertificateException {
            if (chain != null && chain.length > 0 && chain[0].equals(certificate)) {
                return;
            }
            String theirs = chain == null || chain.length == 0 ? "none" : fingerprintOf(chain[0]);
            String host = peer instanceof java.net.InetAddress a ? a.getHostAddress() : String.valueOf(peer);
            long now = System.nanoTime();
            Long last = reported.get(theirs + " " + host);
            if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
                reported.put(theirs + " " + host, now);
                LOG.warn("The laptop at {} offered mirror key {}, not this laptop's {} ({}): it is not let in. Copy one laptop's"
                        + " key file to the other so that both name the same key.", host, theirs, fingerprint, file);
            }
            throw new CertificateException("the peer holds another mirror key (" + theirs + "), not " + fingerprint);
        }
    }
}
