package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;
import java.nio.FloatBuffer;

/**
 * One stored piece of decoded audio: float32 little-endian interleaved samples at
 * {@code sampleRate} with {@code channels} channels, {@code frames} long. Its blob holds exactly
 * {@code frames * channels * 4} bytes.
 */
public record PcmAsset(AssetId id, int sampleRate, int channels, long frames) {

    public long bytes() {
        return frames * channels * Float.BYTES;
    }

    public double durationSeconds() {
        return (double) frames / sampleRate;
    }

    /** The frame nearest to a time in seconds, within the audio. */
    public long frameAt(double seconds) {
        return Math.max(0, Math.min(frames, Math.round(seconds * sampleRate)));
    }

    /**
     * The samples of a trim window (seconds from the start, 0 <= start < end <= duration) as a
     * view of the mapped blob: what plays when the track is trimmed. Nothing is copied.
     */
    public FloatBuffer window(MappedAsset mapped, double startSeconds, double endSeconds) {
        double duration = durationSeconds();
        if (!(startSeconds >= 0) || !(endSeconds > startSeconds) || endSeconds > duration + 0.5 / sampleRate) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Trim window " + startSeconds + " to " + endSeconds
                    + " s does not fit the track's " + duration + " s: need 0 <= start < end <= duration.");
        }
        FloatBuffer all = mapped.floats();
        all.limit((int) (frameAt(endSeconds) * channels));
        all.position((int) (frameAt(startSeconds) * channels));
        return all.slice();
    }

    /** Maps the blob, checking its length against the frame count. */
    public MappedAsset map(BlobStore store) {
        return store.map(id, bytes());
    }
}
