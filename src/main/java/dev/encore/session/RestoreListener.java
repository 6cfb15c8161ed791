package dev.encore.session;

import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import java.util.Map;

/**
 * How an embedding host takes over a session being opened (or reverted, or recovered at start-up):
 * it receives the snapshot and every PCM and stem buffer it references, mapped and already paged in,
 * on the engine thread and before the switch is reported done. Throwing cancels the switch. It must
 * not wait for the result of an action it submits: that action runs on this same thread, later.
 */
@FunctionalInterface
public interface RestoreListener {
    void restore(Snapshot snapshot, Map<AssetId, MappedAsset> audio);
}
