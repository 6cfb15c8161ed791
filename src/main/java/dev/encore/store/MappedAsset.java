package dev.encore.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;

/**
 * One blob mapped read-only into memory: off the Java heap, never copied. PCM is float32
 * little-endian, so {@link #floats()} is a direct view a host's audio thread can read. The mapping
 * lives until this object is unreachable; deleting the file meanwhile does not disturb it.
 */
public final class MappedAsset {
    private final AssetId id;
    private final MappedByteBuffer mapped;

    MappedAsset(AssetId id, MappedByteBuffer mapped) {
        this.id = id;
        this.mapped = mapped;
    }

    /** The content hash that names the blob. */
    public AssetId id() {
        return id;
    }

    /** The blob's length in bytes (for PCM, four per sample). */
    public long length() {
        return mapped.capacity();
    }

    /** A read-only little-endian view of the whole blob (its own position and limit). */
    public ByteBuffer bytes() {
        return mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A read-only view of the blob as float32 little-endian samples (length / 4 floats). */
    public FloatBuffer floats() {
        return mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** Pages the whole blob into memory now, so the audio thread never waits on the disk. */
    public MappedAsset load() {
        mapped.load();
        return this;
    }

    public boolean isLoaded() {
        return mapped.isLoaded();
    }

    /** True: the buffer is a memory mapping of the blob file, not a heap copy. */
    public boolean isMemoryMapped() {
        return mapped.isDirect();
    }
}
