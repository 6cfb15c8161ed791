package dev.encore.bundle;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A SHA-256 computed on a thread of its own while the caller's thread does the rest of each
 * chunk's work (the store's content hash, the CRC-32, the write): SHA-256 is the slowest of them,
 * so a bundle's throughput is that of SHA-256 alone rather than of all of them in turn. The caller
 * hands chunks in order and must not change a chunk until the next one is handed over (two buffers
 * used in turn satisfy this). Not thread-safe.
 */
final class Sha256Beside {
    private static final ExecutorService HASHING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "encore-sha256");
        t.setDaemon(true);
        return t;
    });

    private final MessageDigest sha = BundleManifest.newSha256();
    private Future<?> pending;

    /** Waits until the previous chunk is hashed, then starts hashing {@code n} bytes of {@code chunk}. */
    void update(byte[] chunk, int n) {
        await();
        pending = HASHING.submit(() -> sha.update(chunk, 0, n));
    }

    /** The digest of everything handed over, as 64 lowercase hex digits. */
    String hex() {
        await();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void await() {
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    pending = null;
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("SHA-256 failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
