package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.Ffmpeg;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.SpectralStemExtractor;
import dev.encore.audio.StemExtractor;
import dev.encore.store.BlobStore;
import java.util.function.Function;

/**
 * How the engine runs audio work: the folders imports may read (null: the user's home folder), the
 * sample rate imports are decoded to, the ffmpeg used for compressed formats, and the stem
 * extractor, made from the store's blob store once it is open.
 */
record AudioSetup(MediaFolders media, int sampleRate, Ffmpeg ffmpeg, Function<BlobStore, StemExtractor> extractor) {
    static final AudioSetup DEFAULTS = new AudioSetup(null, AudioImporter.DEFAULT_SAMPLE_RATE, null,
            SpectralStemExtractor::new);

    AudioSetup {
        if (sampleRate < 8_000 || sampleRate > 384_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "Engine sample rate " + sampleRate + " Hz is out of range: use 8000 to 384000 Hz.");
        }
        extractor = extractor == null ? SpectralStemExtractor::new : extractor;
    }

    MediaFolders folders() {
        return media != null ? media : MediaFolders.userHome();
    }

    Ffmpeg ffmpegOrPath() {
        return ffmpeg != null ? ffmpeg : Ffmpeg.onPath();
    }
}
