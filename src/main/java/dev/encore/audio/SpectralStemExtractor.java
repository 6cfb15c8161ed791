package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import java.util.Map;

/**
 * The built-in separator, needing no other program: vocals are estimated as what is both centred
 * in the stereo image and harmonic (sustained rather than percussive), found per frequency bin on
 * TarsosDSP's FFT; instruments are the mix minus the vocals, so the two always sum back to the
 * mix. It streams through the track with a few hundred kilobytes of state, whatever its length.
 */
public final class SpectralStemExtractor implements StemExtractor {
    public static final String ID = "spectral";
    /** Bump when the algorithm or its parameters change, so cached stems are made afresh. */
    public static final String VERSION = "1";

    private final BlobStore store;

    public SpectralStemExtractor(BlobStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Map<String, AssetId> extract(StemSource source, Progress progress) {
        if (source.channels() < 1 || source.channels() > 2) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "The built-in separator takes mono or stereo audio, not " + source.channels() + " channels.");
        }
        try (BlobWriter vocals = store.newWriter(); BlobWriter instruments = store.newWriter()) {
            new SpectralSeparation(source, vocals, instruments).run(progress);
            AssetId v = vocals.commit();
            AssetId i = instruments.commit();
            progress.report(1);
            return Map.of(VOCALS, v, INSTRUMENTS, i);
        }
    }
}
