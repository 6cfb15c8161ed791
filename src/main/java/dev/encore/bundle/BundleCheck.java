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
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
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
 * too. Reads each byte of the file once (the zip directory and manifest twice) and writes nothing.
 */
public final class BundleCheck {
    static final String CHECKING = "checking the bundle";
    /** Long enough (about 8 ms of SHA-256) that handing a chunk to the hashing thread costs nothing, even on a busy machine. */
    private static final int CHUNK = 4 << 20;

    private BundleCheck() {
    }

    /** What a whole check found: the manifest, and where each blob's bytes begin in the file. */
    public record Checked(BundleManifest manifest, Map<AssetId, Long> dataOffsets) {
    }

    /** Returns the manifest of a bundle that passed every check; otherwise throws BUNDLE_REFUSED naming what is wrong. */
    public static BundleManifest verify(Path file) throws IOException {
        return check(file, BundleProgress.NONE).manifest();
    }

    /**
     * Checks the whole bundle, reading each byte of it once (step "checking the bundle", in audio
     * bytes); throws BUNDLE_REFUSED naming what is wrong.
     */
    public static Checked check(Path file, BundleProgress progress) throws IOException {
        BundleManifest manifest;
        byte[] manifestJson;
        Map<AssetId, Long> crcs = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            manifest = manifest(zip);
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
            for (BundledBlob b : manifest.blobs()) {
                ZipEntry entry = zip.getEntry(BundleWriter.BLOBS + b.id().hex());
                if (entry == null) {
                    throw BundleRefused.because("Its manifest names audio " + b.id() + ", which the bundle does not hold.");
                }
                if (entry.getMethod() != ZipEntry.STORED || entry.getSize() != b.length()) {
                    throw BundleRefused.because("Audio " + b.id() + " is " + entry.getSize() + " bytes in the bundle; its manifest says "
                            + b.length() + ".");
                }
                crcs.put(b.id(), entry.getCrc());
            }
            manifestJson = read(zip, zip.getEntry(BundleWriter.MANIFEST), "its manifest");
        } catch (ZipException | java.io.EOFException e) {
            throw BundleRefused.because(file + " is not a readable zip file (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw BundleRefused.because(file + " cannot be read whole (" + e + ").");
        }
        return new Checked(manifest, layout(file, manifest, manifestJson, crcs, progress));
    }

    /**
     * Writes the canonical layout of the checked content again and compares it with the file. The
     * blobs' bytes are read from the file where the layout puts them, once: each chunk feeds the
     * SHA-256, the store's content hash and the zip writer's CRC-32 and length checks, and is not
     * compared with itself. Returns where each blob's bytes begin.
     */
    private static Map<AssetId, Long> layout(Path file, BundleManifest manifest, byte[] manifestJson, Map<AssetId, Long> crcs,
            BundleProgress progress) throws IOException {
        Map<AssetId, BundledBlob> blobs = manifest.blobsById();
        Map<AssetId, Long> offsets = new HashMap<>();
        long total = manifest.audioBytes();
        long[] checked = {0};
        int size = (int) Math.max(1, Math.min(CHUNK, manifest.blobs().stream().mapToLong(BundledBlob::length).max().orElse(1)));
        byte[][] chunks = {new byte[size], new byte[size]};
        int[] turn = {0};
        progress.advanced(CHECKING, 0, total);
        try (FileChannel raw = FileChannel.open(file); Comparing same = new Comparing(raw, file)) {
            BundleWriter.write(same, manifestJson, manifest, crcs, (id, out) -> {
                BundledBlob b = blobs.get(id);
                Sha256Beside sha = new Sha256Beside();
                AssetHasher name = new AssetHasher();
                long at = same.position();
                offsets.put(id, at);
                for (long left = b.length(); left > 0; ) {
                    byte[] chunk = chunks[turn[0]++ & 1];
                    int n = (int) Math.min(chunk.length, left);
                    same.readFully(chunk, n, at);
                    sha.update(chunk, n);
                    name.update(chunk, 0, n);
                    same.trust(chunk, at);
                    out.write(chunk, 0, n);
                    at += n;
                    left -= n;
                    checked[0] += n;
                    progress.advanced(CHECKING, checked[0], total);
                }
                if (!sha.hex().equals(b.sha256())) {
                    throw BundleRefused.because("Audio " + b.id() + " (" + b.role() + ") does not match its SHA-256 in the manifest: it is damaged.");
                }
                if (!name.id().equals(b.id())) {
                    throw BundleRefused.because("Audio " + b.id() + " holds other bytes than its name says (they hash to " + name.id() + ").");
                }
            });
            same.end();
        } catch (ZipException e) {
            throw BundleRefused.because("Its zip structure is damaged (" + e.getMessage() + ").");
        }
        return offsets;
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

    /**
     * An output that compares what is written with the file, byte for byte, instead of writing it;
     * bytes just read from the file at the same position ({@link #trust}) are not compared again.
     */
    private static final class Comparing extends OutputStream {
        private final FileChannel file;
        private final Path path;
        private final ByteBuffer buf = ByteBuffer.allocate(64 << 10); // headers, the manifest and the zip directory only
        private long position;
        private byte[] trusted;
        private long trustedAt = -1;

        Comparing(FileChannel file, Path path) {
            this.file = file;
            this.path = path;
        }

        long position() {
            return position;
        }

        /** Reads {@code n} bytes of the file at {@code at}; a file that ends first is refused. */
        void readFully(byte[] into, int n, long at) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(into, 0, n);
            while (b.hasRemaining()) {
                if (file.read(b, at + b.position()) < 0) {
                    throw BundleRefused.because(path + " ends inside audio it holds: it is cut short.");
                }
            }
        }

        /** The next write of {@code bytes} at {@code at} is the file's own content there. */
        void trust(byte[] bytes, long at) {
            trusted = bytes;
            trustedAt = at;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (b == trusted && off == 0 && position == trustedAt) {
                trusted = null;
                position += len;
                return;
            }
            while (len > 0) {
                buf.clear().limit(Math.min(len, buf.capacity()));
                int n = file.read(buf, position);
                if (n <= 0) {
                    throw differs();
                }
                buf.flip();
                if (buf.mismatch(ByteBuffer.wrap(b, off, n)) >= 0) {
                    throw differs();
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
