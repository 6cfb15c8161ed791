package dev.encore.bench;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Pseudo-random audio of a given size, written into a blob store as 100 MiB assets (like a song's
 * original upload, decoded PCM and stems), distinct per seed so content addressing stores each one.
 */
final class StageAudio {
    static final int MIB = 1 << 20;
    static final int ASSET_MIB = 100;

    private StageAudio() {
    }

    /** Writes {@code totalMib} of audio as assets of at most {@link #ASSET_MIB} MiB each. */
    static List<AssetId> write(BlobStore blobs, int totalMib, long seed) {
        List<AssetId> ids = new ArrayList<>();
        ByteBuffer chunk = ByteBuffer.allocateDirect(MIB).order(ByteOrder.LITTLE_ENDIAN);
        long state = seed * 0x9E3779B97F4A7C15L + 1;
        for (int left = totalMib; left > 0; left -= ASSET_MIB) {
            int mib = Math.min(ASSET_MIB, left);
            try (BlobWriter w = blobs.newWriter()) {
                for (int m = 0; m < mib; m++) {
                    chunk.clear();
                    state = fill(chunk, state);
                    chunk.flip();
                    w.write(chunk);
                }
                ids.add(w.commit());
            }
        }
        return ids;
    }

    /** Fills the buffer with xorshift noise and returns the generator's next state. */
    static long fill(ByteBuffer buf, long state) {
        long x = state;
        while (buf.remaining() >= Long.BYTES) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buf.putLong(x);
        }
        return x;
    }
}
