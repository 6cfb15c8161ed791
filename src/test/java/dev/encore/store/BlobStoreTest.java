package dev.encore.store;

import static dev.encore.store.StoreFixtures.folderBytes;
import static dev.encore.store.StoreFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void pcmWrittenAsFloatsReadsBackAsALittleEndianMappedFloatView() {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        float[] samples = new float[300_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) Math.sin(i * 0.01);
        }
        AssetId id;
        try (BlobWriter w = blobs.newWriter()) {
            w.writeFloats(samples, 0, 100_000).writeFloats(samples, 100_000, 200_000);
            id = w.commit();
        }
        MappedAsset asset = blobs.map(id, samples.length * 4L).load();
        assertTrue(asset.isMemoryMapped());
        FloatBuffer floats = asset.floats();
        assertEquals(samples.length, floats.remaining());
        for (int i = 0; i < samples.length; i += 997) {
            assertEquals(samples[i], floats.get(i));
        }
        assertEquals(samples[1], asset.bytes().order(ByteOrder.LITTLE_ENDIAN).getFloat(4));
        assertTrue(asset.bytes().isReadOnly());
    }

    @Test
    void theNameIsTheContentHashSoEqualBytesShareOneFile() {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        AssetId a = blobs.put(randomBytes(1, 70_000));
        AssetId b = blobs.put(randomBytes(1, 70_000));
        AssetId c = blobs.put(randomBytes(2, 70_000));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(140_000, folderBytes(dir));
        blobs.verify(a);
    }

    @Test
    void aMissingBlobIsATypedError() {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        AssetId ghost = AssetId.of("00000000000000000000000000000001");
        EncoreException e = assertThrows(EncoreException.class, () -> blobs.map(ghost, -1));
        assertEquals(Reason.ASSET_MISSING, e.reason());
        assertTrue(e.getMessage().contains(ghost.hex()));
    }

    @Test
    void aBlobOfTheWrongLengthOrContentIsReportedCorrupt() throws Exception {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        AssetId id = blobs.put(randomBytes(3, 4096));
        assertEquals(Reason.ASSET_CORRUPT, assertThrows(EncoreException.class, () -> blobs.map(id, 4000)).reason());
        byte[] bytes = Files.readAllBytes(blobs.path(id));
        bytes[17] ^= 0x40;
        Files.write(blobs.path(id), bytes);
        EncoreException e = assertThrows(EncoreException.class, () -> blobs.verify(id));
        assertEquals(Reason.ASSET_CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("damaged"));
    }

    @Test
    void aWriteOverTheSizeLimitIsRefusedAndLeavesNothing() {
        BlobStore blobs = BlobStore.open(dir, Disk.local(), 1000);
        BlobWriter w = blobs.newWriter();
        w.write(randomBytes(4, 600), 0, 600);
        EncoreException e = assertThrows(EncoreException.class, () -> w.write(randomBytes(5, 600), 0, 600));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertEquals(0, folderBytes(dir));
        assertTrue(blobs.list().isEmpty());
    }

    @Test
    void aBlobOver2GiBIsRefusedWithAClearErrorInsteadOfMapped() throws Exception {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        AssetId id = AssetId.of("ffffffffffffffffffffffffffffffff");
        Files.createDirectories(blobs.path(id).getParent());
        try (RandomAccessFile sparse = new RandomAccessFile(blobs.path(id).toFile(), "rw")) {
            sparse.setLength(BlobStore.MAX_BLOB_BYTES + 1);
        }
        EncoreException e = assertThrows(EncoreException.class, () -> blobs.map(id, -1));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("2 GiB"));
    }

    @Test
    void anAbandonedWriterLeavesNoTempFile() {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        try (BlobWriter w = blobs.newWriter()) {
            w.write(ByteBuffer.wrap(randomBytes(6, 5000)));
        }
        assertEquals(0, folderBytes(dir));
        assertFalse(blobs.exists(AssetId.of("00000000000000000000000000000001")));
    }

    @Test
    void collectionSparesFreshBlobsAndReferencedOnes() {
        BlobStore blobs = BlobStore.open(dir, Disk.local());
        AssetId kept = blobs.put(randomBytes(7, 100));
        AssetId fresh = blobs.put(randomBytes(8, 100));
        AssetId adopted = blobs.put(randomBytes(9, 100));
        blobs.adopt(java.util.Set.of(kept, adopted));
        assertEquals(java.util.Set.of(adopted), blobs.collect(kept::equals));
        assertTrue(blobs.exists(kept));
        assertTrue(blobs.exists(fresh));
    }
}
