package dev.encore.store;

import java.util.Set;

/**
 * One journal record exactly as it was journaled, for a backup laptop: its sequence number, the
 * sequence number of the record before it in the same journal ({@code prevSeq}, so a receiver can
 * tell a gap), the record type's code, the CBOR payload bytes, and the audio the record names
 * (which a backup must hold before it takes the record).
 */
public record MirroredRecord(long prevSeq, long seq, int typeCode, byte[] payload, Set<AssetId> assets) {
    public MirroredRecord {
        assets = Set.copyOf(assets);
    }
}
