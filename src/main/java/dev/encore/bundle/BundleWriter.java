package dev.encore.bundle;

import dev.encore.store.AssetId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the one byte sequence a bundle's content has: every entry STORED (audio gains nothing from
 * deflate, and stored bytes are the same on every platform), a fixed entry time, the blobs in the
 * manifest's order, then {@code manifest.json} and {@code manifest.sha256}. Because the layout is
 * canonical, checking a bundle can write its content again and compare every byte of the file,
 * headers and central directory included. Java's zip writer switches to Zip64 by itself for
 * entries or archives past 4 GiB.
 */
final class BundleWriter {
    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_SHA = "manifest.sha256";
    static final String BLOBS = "blobs/";
    /** 2000-01-01 00:00 local time as a DOS time: the one time every entry carries. */
    private static final long ENTRY_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0)
            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

    /** Streams one blob's bytes into the bundle. */
    interface BlobBytes {
        void copy(AssetId id, OutputStream out) throws IOException;
    }

    private BundleWriter() {
    }

    /** Writes the bundle; {@code crc32} holds each blob's CRC-32, which a stored zip entry names before its bytes. */
    static void write(OutputStream target, byte[] manifestJson, BundleManifest manifest, Map<AssetId, Long> crc32, BlobBytes bytes)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(target), StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
        for (BundledBlob b : manifest.blobs()) {
            zip.putNextEntry(stored(BLOBS + b.id().hex(), b.length(), crc32.get(b.id())));
            bytes.copy(b.id(), zip);
            zip.closeEntry();
        }
        putWhole(zip, MANIFEST, manifestJson);
        putWhole(zip, MANIFEST_SHA, (BundleManifest.sha256(manifestJson) + "\n").getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        zip.flush();
    }

    private static void putWhole(ZipOutputStream zip, String name, byte[] content) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        zip.putNextEntry(stored(name, content.length, crc.getValue()));
        zip.write(content);
        zip.closeEntry();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(ENTRY_TIME);
        return e;
    }

    /** Lets the caller close stdout or its file itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
