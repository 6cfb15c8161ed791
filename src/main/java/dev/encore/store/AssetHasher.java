package dev.encore.store;

import java.nio.ByteBuffer;

/**
 * Computes the {@link AssetId} of bytes streamed through it, the name the blob store gives them;
 * for code that must know a blob's name before it stores it (a bundle being checked). Not thread-safe.
 */
public final class AssetHasher {
    private final ContentHash hash = new ContentHash();

    /** Hashes the remaining bytes of {@code src} without moving its position. */
    public AssetHasher update(ByteBuffer src) {
        hash.update(src);
        return this;
    }

    public AssetHasher update(byte[] bytes, int offset, int count) {
        hash.update(bytes, offset, count);
        return this;
    }

    public AssetId id() {
        return AssetId.of(hash.hex());
    }
}
