package dev.encore.audio;

import dev.encore.store.AssetId;

/**
 * What identifies a set of stems: the source PCM's content id and the extractor's id and version.
 * The same audio in any session maps to the same key, so stems are extracted once.
 */
public record StemKey(AssetId source, String extractorId, String extractorVersion) {

    public static StemKey of(AssetId source, StemExtractor extractor) {
        return new StemKey(source, extractor.id(), extractor.version());
    }
}
