package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    private static String guava(byte[] bytes) {
        return Hashing.murmur3_128().hashBytes(bytes).toString();
    }

    private static byte[] noise(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void namesEveryLengthUpToThreeBlocksExactlyAsEarlierVersionsDid() {
        for (int n = 0; n <= 48; n++) {
            byte[] bytes = noise(n, n);
            assertEquals(guava(bytes), new ContentHash().update(bytes, 0, n).hex(), "length " + n);
        }
    }

    @Test
    void givesTheSameNameHoweverTheBytesAreSplitIntoWrites() {
        Random random = new Random(42);
        byte[] bytes = noise(100_003, 7);
        for (int trial = 0; trial < 20; trial++) {
            ContentHash hash = new ContentHash();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, random.nextInt(40));
                hash.update(bytes, at, n);
                at += n;
            }
            assertEquals(guava(bytes), hash.hex(), "trial " + trial);
        }
    }

    @Test
    void readsDirectAndBigEndianBuffersWithoutMovingThem() {
        byte[] bytes = noise(1 << 20, 3);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.BIG_ENDIAN);
        direct.put(bytes).flip();
        String name = new ContentHash().update(direct).hex();
        assertEquals(guava(bytes), name);
        assertEquals(0, direct.position());
        assertEquals(bytes.length, direct.limit());
    }
}
