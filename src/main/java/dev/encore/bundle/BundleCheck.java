package dev.encore.bundle;

import dev.encore.store.AssetHasher;
import dev.encore.store.AssetId;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a whole bundle before anything of it is stored: the manifest against its own SHA-256,
 * every entry against the manifest (a blob it does not name, or a name without its blob, refuses
 * the bundle), every blob's length, SHA-256 and name in the store, every asset a session uses, and
 * finally every byte of the file against the canonical layout its content gives (see
 * {@link BundleWriter}), so that a flipped byte in a header or the central directory refuses it
 * too. Reads the file twice and writes nothing.
 */
public final class BundleCheck {
    private static final int CHUNK = 1 << 20;

    private BundleCheck() {
    }

    /** Returns the manifest of a bundle that passed every check; otherwise throws BUNDLE_REFUSED naming what is wrong. */
    public static BundleManifest verify(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            BundleManifest manifest = manifest(zip);
            Map<AssetId, BundledBlob> blobs = manifest.blobsById();
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!seen.add(name)) {
                    throw BundleRefused.because("It holds the entry " + name + " twice.");
                }
                boolean known = name.equals(BundleWriter.MANIFEST) || name.equals(BundleWriter.MANIFEST_SHA)
                        || (name.startsWith(BundleWriter.BLOBS) && AssetId.isValid(name.substring(BundleWriter.BLOBS.length()))
                                && blobs.containsKey(AssetId.of(name.substring(BundleWriter.BLOBS.length()))));
                if (!known) {
                    throw BundleRefused.because("It holds " + name + ", which its manifest does not name.");
                }
            }
            for (BundledSession s : manifest.sessions()) {
                for (StoredSession r : s.revisions()) {
                    for (AssetId id : r.assets()) {
                        if (!blobs.containsKey(id)) {
                            throw BundleRefused.because("Session '" + s.current().name() + "' uses audio " + id + ", which the bundle does not hold.");
                        }
                    }
                }
            }
            Map<AssetId, Long> crcs = new HashMap<>();
            for (BundledBlob b : manifest.blobs()) {
                ZipEntry entry = zip.getEntry(BundleWriter.BLOBS + b.id().hex());
                if (entry == null) {
                    throw BundleRefused.because("Its manifest names audio " + b.id() + ", which the bundle does not hold.");
                }
                checkBlob(zip, entry, b);
                crcs.put(b.id(), entry.getCrc());
            }
            byte[] manifestJson = zip.getInputStream(zip.getEntry(BundleWriter.MANIFEST)).readAllBytes();
            try (FileChannel raw = FileChannel.open(file); Comparing same = new Comparing(raw, file)) {
                BundleWriter.write(same, manifestJson, manifest, crcs, (id, out) -> {
                    try (InputStream in = zip.getInputStream(zip.getEntry(BundleWriter.BLOBS + id.hex()))) {
                        in.transferTo(out);
                    }
                });
                same.end();
            } catch (ZipException e) {
                throw BundleRefused.because("Its zip structure is damaged (" + e.getMessage() + ").");
            }
            return manifest;
        } catch (ZipException | java.io.EOFException e) {
            throw BundleRefused.because(file + " is not a readable zip file (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw BundleRefused.because(file + " cannot be read whole (" + e + ").");
        }
    }

    private static BundleManifest manifest(ZipFile zip) throws IOException {
        ZipEntry json = zip.getEntry(BundleWriter.MANIFEST);
        ZipEntry sha = zip.getEntry(BundleWriter.MANIFEST_SHA);
        if (json == null || sha == null) {
            throw BundleRefused.because("It is not an Encore show bundle: it has no " + (json == null ? BundleWriter.MANIFEST
                    : BundleWriter.MANIFEST_SHA) + ".");
        }
        byte[] bytes = read(zip, json, "its manifest");
        String expected = new String(read(zip, sha, "its manifest's checksum"), StandardCharsets.US_ASCII).strip();
        if (!BundleManifest.sha256(bytes).equals(expected)) {
            throw BundleRefused.because("Its manifest does not match its SHA-256 (" + BundleWriter.MANIFEST_SHA + "): it is damaged.");
        }
        return BundleManifest.parse(bytes);
    }

    private static byte[] read(ZipFile zip, ZipEntry entry, String what) throws IOException {
        if (entry.getSize() > 64L << 20) {
            throw BundleRefused.because("Its " + entry.getName() + " is " + entry.getSize() + " bytes, more than any manifest.");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw BundleRefused.because("Reading " + what + " failed (" + e.getMessage() + ").");
        }
    }

    private static void checkBlob(ZipFile zip, ZipEntry entry, BundledBlob b) throws IOException {
        if (entry.getMethod() != ZipEntry.STORED || entry.getSize() != b.length()) {
            throw BundleRefused.because("Audio " + b.id() + " is " + entry.getSize() + " bytes in the bundle; its manifest says "
                    + b.length() + ".");
        }
        MessageDigest sha = BundleManifest.newSha256();
        AssetHasher name = new AssetHasher();
        long length = 0;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                name.update(buf, 0, n);
                length += n;
            }
        } catch (ZipException e) {
            throw BundleRefused.because("Audio " + b.id() + " cannot be read from the bundle (" + e.getMessage() + ").");
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (length != b.length() || !actual.equals(b.sha256())) {
            throw BundleRefused.because("Audio " + b.id() + " (" + b.role() + ") does not match its SHA-256 in the manifest: it is damaged.");
        }
        if (!name.id().equals(b.id())) {
            throw BundleRefused.because("Audio " + b.id() + " holds other bytes than its name says (they hash to " + name.id() + ").");
        }
    }

    /** An output that compares what is written with the file, byte for byte, instead of writing it. */
    private static final class Comparing extends OutputStream {
        private final FileChannel file;
        private final Path path;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        private long position;

        Comparing(FileChannel file, Path path) {
            this.file = file;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                buf.clear().limit(Math.min(len, CHUNK));
                int n = file.read(buf, position);
                if (n <= 0) {
                    throw differs();
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) != b[off + i]) {
                        throw differs();
                    }
                }
                position += n;
                off += n;
                len -= n;
            }
        }

        void end() throws IOException {
            if (file.size() != position) {
                throw BundleRefused.because(path + " has " + (file.size() - position) + " byte(s) after the end of the bundle.");
            }
        }

        private RuntimeException differs() {
            return BundleRefused.because(path + " differs from the layout its content gives at byte " + position
                    + ": a header or the zip directory is damaged.");
        }
    }
}
