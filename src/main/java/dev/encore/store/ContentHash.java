package dev.encore.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The content hash that names a blob: MurmurHash3 x64 128-bit (seed 0), streamed, giving the same
 * 32 hex digits as Guava's {@code Hashing.murmur3_128()}. Written out here because the streaming
 * hasher behind that method ran at about a quarter of the disk's write speed, and a new import
 * would otherwise wait on the hash rather than on the disk. Not thread-safe.
 */
final class ContentHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final int BLOCK_BYTES = 16;

    private long h1;
    private long h2;
    private long length;
    /** Bytes of an unfinished block, little-endian, waiting for the rest of it. */
    private final ByteBuffer pending = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /** Hashes the remaining bytes of {@code src} without moving its position. */
    ContentHash update(ByteBuffer src) {
        int pos = src.position();
        int end = src.limit();
        length += end - pos;
        if (pending.position() > 0) {
            while (pos < end && pending.hasRemaining()) {
                pending.put(src.get(pos++));
            }
            if (pending.hasRemaining()) {
                return this;
            }
            mixBlocks(pending, 0, BLOCK_BYTES);
            pending.clear();
        }
        ByteOrder order = src.order();
        ByteBuffer le = order == ByteOrder.LITTLE_ENDIAN ? src : src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        pos = mixBlocks(le, pos, end);
        while (pos < end) {
            pending.put(src.get(pos++));
        }
        return this;
    }

    ContentHash update(byte[] bytes, int offset, int count) {
        return update(ByteBuffer.wrap(bytes, offset, count));
    }

    /** The 32 lowercase hex digits of the hash of everything passed to {@link #update}. */
    String hex() {
        long k1 = 0;
        long k2 = 0;
        int tail = pending.position();
        for (int i = Math.min(tail, 8) - 1; i >= 0; i--) {
            k1 = (k1 << 8) | (pending.get(i) & 0xffL);
        }
        for (int i = tail - 1; i >= 8; i--) {
            k2 = (k2 << 8) | (pending.get(i) & 0xffL);
        }
        long a = h1 ^ mixK1(k1);
        long b = h2 ^ mixK2(k2);
        a ^= length;
        b ^= length;
        a += b;
        b += a;
        a = fmix64(a);
        b = fmix64(b);
        a += b;
        b += a;
        ByteBuffer out = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(b);
        StringBuilder hex = new StringBuilder(AssetId.HEX_LENGTH);
        for (byte x : out.array()) {
            hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return hex.toString();
    }

    /**
     * Mixes the whole 16-byte blocks of little-endian {@code le} from {@code pos} towards
     * {@code end}; returns where the bytes that make no whole block start. The state stays in
     * locals through the loop: it hashes every byte of new audio, and keeping the state out of
     * fields here is what lets hashing keep up with the disk.
     */
    private int mixBlocks(ByteBuffer le, int pos, int end) {
        long a = h1;
        long b = h2;
        int at = pos;
        for (; end - at >= BLOCK_BYTES; at += BLOCK_BYTES) {
            a ^= mixK1(le.getLong(at));
            a = Long.rotateLeft(a, 27) + b;
            a = a * 5 + 0x52dce729;
            b ^= mixK2(le.getLong(at + 8));
            b = Long.rotateLeft(b, 31) + a;
            b = b * 5 + 0x38495ab5;
        }
        h1 = a;
        h2 = b;
        return at;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
