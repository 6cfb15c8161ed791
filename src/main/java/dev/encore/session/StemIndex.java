package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.StemCache;
import dev.encore.audio.StemKey;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The durable stem cache index: the store's cached-stems table, keyed by the text form of a
 * {@link StemKey}. The engine thread owns the store, so a lookup from an audio worker is run as a
 * task on the engine thread and awaited; on the engine thread itself it runs directly.
 */
final class StemIndex implements StemCache.Index {
    /** Runs store work on the engine thread (directly when called on it) and completes with its result. */
    @FunctionalInterface
    interface EngineThread {
        <T> CompletableFuture<T> call(Supplier<T> work);
    }

    private final SessionStore store;
    private final EngineThread engine;

    StemIndex(SessionStore store, EngineThread engine) {
        this.store = store;
        this.engine = engine;
    }

    /** The store's key for stems: source asset, extractor id and version. */
    static String text(StemKey key) {
        return key.source().hex() + "/" + key.extractorId() + "/" + key.extractorVersion();
    }

    @Override
    public Optional<Map<String, AssetId>> get(StemKey key) {
        return onEngine(() -> store.bookkeeping().cachedStems(text(key)));
    }

    @Override
    public void put(StemKey key, Map<String, AssetId> stems) {
        onEngine(() -> {
            store.bookkeeping().putCachedStems(text(key), stems);
            return null;
        });
    }

    private <T> T onEngine(Supplier<T> work) {
        try {
            return engine.call(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoreException(Reason.BUSY, "Stem cache lookup interrupted: the engine is stopping.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EncoreException(Reason.GENERAL, "Stem cache lookup failed: " + e.getCause(), e.getCause());
        }
    }
}
