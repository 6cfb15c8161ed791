package dev.encore.audio;

import be.tarsos.dsp.resample.Resampler;
import java.util.Arrays;

/**
 * Converts interleaved audio from one sample rate to another block by block, with one TarsosDSP
 * {@link Resampler} per channel so that each keeps its own filter history across blocks. Output
 * is handed on as interleaved frames as soon as every channel has produced them.
 */
final class ChannelResampler {

    /** Receives resampled interleaved frames; the array is reused after the call returns. */
    interface Sink {
        void accept(float[] interleaved, int frames);
    }

    private final int channels;
    private final double factor;
    private final Resampler[] resamplers;
    private float[] input = new float[0];
    private final float[][] output;
    private final int[] produced;
    private float[] interleaved = new float[0];

    ChannelResampler(int channels, int fromRate, int toRate) {
        this.channels = channels;
        this.factor = (double) toRate / fromRate;
        this.resamplers = new Resampler[channels];
        this.output = new float[channels][];
        this.produced = new int[channels];
        for (int c = 0; c < channels; c++) {
            resamplers[c] = new Resampler(true, factor, factor);
            output[c] = new float[0];
        }
    }

    /** The number of output frames that {@code inputFrames} input frames make. */
    long outputFrames(long inputFrames) {
        return Math.round(inputFrames * factor);
    }

    /** Resamples {@code frames} interleaved frames; with {@code last}, also flushes the filters' tails. */
    void process(float[] samples, int frames, boolean last, Sink sink) {
        if (input.length < frames) {
            input = new float[frames];
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                input[i] = samples[i * channels + c];
            }
            run(c, frames, last);
        }
        emit(sink);
    }

    private void run(int c, int frames, boolean last) {
        int used = 0;
        while (true) {
            int room = output[c].length - produced[c];
            if (room < 256) {
                output[c] = Arrays.copyOf(output[c], Math.max(4096, (int) (frames * factor) + 8192 + output[c].length));
                room = output[c].length - produced[c];
            }
            Resampler.Result r = resamplers[c].process(factor, input, used, frames - used, last, output[c], produced[c], room);
            used += r.inputSamplesConsumed;
            produced[c] += r.outputSamplesGenerated;
            boolean full = produced[c] == output[c].length;
            if (used >= frames && !full && (!last || r.outputSamplesGenerated == 0)) {
                return;
            }
        }
    }

    private void emit(Sink sink) {
        int ready = Integer.MAX_VALUE;
        for (int c = 0; c < channels; c++) {
            ready = Math.min(ready, produced[c]);
        }
        if (ready == 0) {
            return;
        }
        if (interleaved.length < ready * channels) {
            interleaved = new float[ready * channels];
        }
        for (int c = 0; c < channels; c++) {
            float[] o = output[c];
            for (int i = 0; i < ready; i++) {
                interleaved[i * channels + c] = o[i];
            }
            System.arraycopy(o, ready, o, 0, produced[c] - ready);
            produced[c] -= ready;
        }
        sink.accept(interleaved, ready);
    }
}
