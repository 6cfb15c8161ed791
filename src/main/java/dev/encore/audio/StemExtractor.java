package dev.encore.audio;

import dev.encore.store.AssetId;
import java.util.Map;

/**
 * Separates a track's PCM into named stems (at least {@link #VOCALS} and {@link #INSTRUMENTS}),
 * each written as a PCM blob with the source's rate, channels and length. {@link #id()} and
 * {@link #version()} name the method in the stem cache's key, so a new version extracts afresh.
 */
public interface StemExtractor {
    String VOCALS = "vocals";
    String INSTRUMENTS = "instruments";

    /** A short stable name, such as "spectral" or "demucs". */
    String id();

    /** Changes whenever the output for the same input would change. */
    String version();

    /** Runs on the calling thread; progress goes from 0 to 1. Returns stem name to PCM blob. */
    Map<String, AssetId> extract(StemSource source, Progress progress);
}
