package dev.encore.audio;

/**
 * A source of decoded audio read block by block as interleaved float samples in [-1, 1], so a
 * file of any length is decoded in bounded memory. Java Sound reads WAV and AIFF; ffmpeg reads
 * the compressed formats.
 */
abstract sealed class PcmDecoder implements AutoCloseable permits JavaSoundDecoder, FfmpegDecoder {
    private final int channels;
    private final int sampleRate;

    PcmDecoder(int channels, int sampleRate) {
        this.channels = channels;
        this.sampleRate = sampleRate;
    }

    final int channels() {
        return channels;
    }

    /** Frames per second of what {@link #read} returns. */
    final int sampleRate() {
        return sampleRate;
    }

    /** Total frames when the file says so, else -1 (used only for progress). */
    abstract long frames();

    /** Fills up to {@code maxFrames} frames into {@code interleaved}; returns the frames read, -1 at the end. */
    abstract int read(float[] interleaved, int maxFrames);

    @Override
    public abstract void close();
}
