package dev.encore.audio;

import dev.encore.store.BlobWriter;

/**
 * Writes decoded interleaved frames into a PCM blob, converting mono to stereo or stereo to mono
 * when the target differs, and never writing past a frame limit; {@link #padTo} fills with
 * silence. This is how a decoded stem is made to line up sample for sample with its source.
 */
final class PcmSink {
    private final BlobWriter out;
    private final int inChannels;
    private final int outChannels;
    private long limit = Long.MAX_VALUE;
    private long frames;
    private float[] scratch = new float[0];

    PcmSink(BlobWriter out, int inChannels, int outChannels) {
        this.out = out;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
    }

    void limit(long maxFrames) {
        this.limit = maxFrames;
    }

    long frames() {
        return frames;
    }

    void accept(float[] interleaved, int count) {
        int n = (int) Math.max(0, Math.min(count, limit - frames));
        if (n == 0) {
            return;
        }
        if (inChannels == outChannels) {
            out.writeFloats(interleaved, 0, n * outChannels);
        } else {
            if (scratch.length < n * outChannels) {
                scratch = new float[n * outChannels];
            }
            for (int i = 0; i < n; i++) {
                float mono = 0;
                for (int c = 0; c < inChannels; c++) {
                    mono += interleaved[i * inChannels + c];
                }
                mono /= inChannels;
                for (int c = 0; c < outChannels; c++) {
                    scratch[i * outChannels + c] = outChannels == 1 ? mono : interleaved[i * inChannels + Math.min(c, inChannels - 1)];
                }
            }
            out.writeFloats(scratch, 0, n * outChannels);
        }
        frames += n;
    }

    /** Appends silence until {@code target} frames are written. */
    void padTo(long target) {
        float[] silence = new float[(int) Math.min(8192, Math.max(0, target - frames)) * outChannels];
        while (frames < target) {
            int n = (int) Math.min(silence.length / outChannels, target - frames);
            out.writeFloats(silence, 0, n * outChannels);
            frames += n;
        }
    }
}
