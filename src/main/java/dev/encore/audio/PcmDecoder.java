package dev.encore.audio;

/**
 * A source of decoded audio read block by block as interleaved float samples in [-1, 1], so a
 * file of any length is decoded in bounded memory. Java Sound reads WAV and AIFF; ffmpeg reads
 * the compressed formats.
 */
sealed interface PcmDecoder extends AutoCloseable permits JavaSoundDecoder, FfmpegDecoder {

    int channels();

    /** Frames per second of what {@link #read} returns. */
    int sampleRate();

    /** Total frames when the file says so, else -1 (used only for progress). */
    long frames();

    /** Fills up to {@code maxFrames} frames into {@code interleaved}; returns the frames read, -1 at the end. */
    int read(float[] interleaved, int maxFrames);

    @Override
    void close();
}
