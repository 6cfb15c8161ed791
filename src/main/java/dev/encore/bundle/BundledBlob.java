package dev.encore.bundle;

import dev.encore.store.AssetId;

/** One piece of audio in a bundle: its name in the blob store, the SHA-256 and length of its bytes, and what the sessions use it as. */
public record BundledBlob(AssetId id, String sha256, long length, String role) {
}
