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
    /**
     * Takes over the session arriving on stage.
     *
     * @param snapshot its parameters, fixture, tracks and stem overlay
     * @param audio every PCM and stem buffer the tracks reference, by asset id, mapped and paged in
     */
    void restore(Snapshot snapshot, Map<AssetId, MappedAsset> audio);
}
