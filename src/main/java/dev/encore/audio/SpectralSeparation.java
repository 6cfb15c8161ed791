package dev.encore.audio;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import dev.encore.store.BlobWriter;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One run of the built-in separator over a track: a short-time Fourier transform (Hann window,
 * 75 % overlap) whose frames wait in a small ring until the frames after them are known, because
 * the harmonic estimate is a median over neighbouring frames. Each bin of a frame gets a vocal
 * mask = centre-ness x harmonic-ness; the masked frames are overlap-added and written as soon as
 * they are complete.
 */
final class SpectralSeparation {
    static final int FFT_SIZE = 4096;
    static final int HOP = FFT_SIZE / 4;
    /** Frames on each side in the time median (the harmonic estimate): about 0.17 s at 48 kHz. */
    static final int TIME_RADIUS = 8;
    /** Bins on each side in the frequency median (the percussive estimate). */
    static final int FREQ_RADIUS = 8;
    /** Sharpens the centre measure: a source panned halfway keeps little of its energy in the vocals. */
    static final int CENTRE_POWER = 4;
    private static final int BINS = FFT_SIZE / 2 + 1;
    private static final int RING = 2 * TIME_RADIUS + 1;
    private static final float EPS = 1e-12f;

    private final FloatBuffer in;
    private final int channels;
    private final long frames;
    private final BlobWriter vocalsOut;
    private final BlobWriter instrumentsOut;
    private final FFT fft = new FFT(FFT_SIZE, new HannWindow());
    private final float[] window = new HannWindow().generateCurve(FFT_SIZE);
    private final float[] norm = new float[HOP];
    private final float[][][] spectra;
    private final float[][] magnitudes = new float[RING][BINS];
    private final float[][] accumulators;
    private final float[] mask = new float[BINS];
    private final float[] work = new float[FFT_SIZE];
    private final float[] median = new float[Math.max(RING, 2 * FREQ_RADIUS + 1)];
    private final float[] vocalBlock;
    private final float[] instrumentBlock;

    SpectralSeparation(StemSource source, BlobWriter vocals, BlobWriter instruments) {
        this.in = source.samples().duplicate();
        this.channels = source.channels();
        this.frames = source.frames();
        this.vocalsOut = vocals;
        this.instrumentsOut = instruments;
        this.spectra = new float[channels][RING][FFT_SIZE];
        this.accumulators = new float[channels][FFT_SIZE];
        this.vocalBlock = new float[HOP * channels];
        this.instrumentBlock = new float[HOP * channels];
        for (int i = 0; i < FFT_SIZE; i++) {
            norm[i % HOP] += window[i] * window[i];
        }
    }

    void run(Progress progress) {
        long total = (frames + FFT_SIZE - HOP + HOP - 1) / HOP;
        ProgressSteps steps = new ProgressSteps(progress, total);
        for (long t = 0; t < total + TIME_RADIUS; t++) {
            if (t < total) {
                analyse(t);
            }
            long u = t - TIME_RADIUS;
            if (u >= 0) {
                synthesise(u, total);
                steps.at(u + 1);
            }
        }
    }

    private long start(long t) {
        return t * HOP - (FFT_SIZE - HOP);
    }

    private void analyse(long t) {
        int slot = (int) (t % RING);
        long s = start(t);
        float[] mag = magnitudes[slot];
        Arrays.fill(mag, 0);
        for (int c = 0; c < channels; c++) {
            float[] x = spectra[c][slot];
            for (int i = 0; i < FFT_SIZE; i++) {
                long pos = s + i;
                x[i] = pos >= 0 && pos < frames ? in.get((int) (pos * channels + c)) : 0;
            }
            fft.forwardTransform(x);
            for (int k = 0; k < BINS; k++) {
                mag[k] += (float) Math.hypot(re(x, k), im(x, k));
            }
        }
    }

    private void synthesise(long u, long total) {
        int slot = (int) (u % RING);
        computeMask(u, slot, total);
        for (int c = 0; c < channels; c++) {
            System.arraycopy(spectra[c][slot], 0, work, 0, FFT_SIZE);
            work[0] *= mask[0];
            work[1] *= mask[BINS - 1];
            for (int k = 1; k < BINS - 1; k++) {
                work[2 * k] *= mask[k];
                work[2 * k + 1] *= mask[k];
            }
            fft.backwardsTransform(work);
            float[] acc = accumulators[c];
            for (int i = 0; i < FFT_SIZE; i++) {
                acc[i] += work[i] * window[i];
            }
        }
        emit(start(u));
    }

    private void computeMask(long u, int slot, long total) {
        long from = Math.max(0, u - TIME_RADIUS);
        long to = Math.min(total - 1, u + TIME_RADIUS);
        float[] mag = magnitudes[slot];
        for (int k = 0; k < BINS; k++) {
            int n = 0;
            for (long t = from; t <= to; t++) {
                median[n++] = magnitudes[(int) (t % RING)][k];
            }
            float harmonic = medianOf(n);
            n = 0;
            for (int j = Math.max(0, k - FREQ_RADIUS); j <= Math.min(BINS - 1, k + FREQ_RADIUS); j++) {
                median[n++] = mag[j];
            }
            float percussive = medianOf(n);
            float h2 = harmonic * harmonic;
            float harmonicness = h2 / (h2 + percussive * percussive + EPS);
            mask[k] = harmonicness * centreness(slot, k);
        }
    }

    /** 1 for a bin equal in both channels, falling to 0 for one panned to a side or out of phase. */
    private float centreness(int slot, int k) {
        if (channels == 1) {
            return 1;
        }
        float[] l = spectra[0][slot];
        float[] r = spectra[1][slot];
        float lr = re(l, k) * re(r, k) + im(l, k) * im(r, k);
        float energy = re(l, k) * re(l, k) + im(l, k) * im(l, k) + re(r, k) * re(r, k) + im(r, k) * im(r, k);
        float c = Math.max(0, Math.min(1, 2 * lr / (energy + EPS)));
        float p = c;
        for (int i = 1; i < CENTRE_POWER; i++) {
            p *= c;
        }
        return p;
    }

    /** Writes the HOP samples from {@code s} on, which no later frame touches any more. */
    private void emit(long s) {
        int first = (int) Math.max(0, -s);
        int last = (int) Math.min(HOP, frames - s);
        for (int c = 0; c < channels; c++) {
            float[] acc = accumulators[c];
            for (int i = first; i < last; i++) {
                float vocal = acc[i] / norm[i];
                float mix = in.get((int) ((s + i) * channels + c));
                vocalBlock[(i - first) * channels + c] = vocal;
                instrumentBlock[(i - first) * channels + c] = mix - vocal;
            }
            System.arraycopy(acc, HOP, acc, 0, FFT_SIZE - HOP);
            Arrays.fill(acc, FFT_SIZE - HOP, FFT_SIZE, 0);
        }
        if (last > first) {
            vocalsOut.writeFloats(vocalBlock, 0, (last - first) * channels);
            instrumentsOut.writeFloats(instrumentBlock, 0, (last - first) * channels);
        }
    }

    private float medianOf(int n) {
        for (int i = 1; i < n; i++) {
            float v = median[i];
            int j = i - 1;
            while (j >= 0 && median[j] > v) {
                median[j + 1] = median[j];
                j--;
            }
            median[j + 1] = v;
        }
        return (n & 1) == 1 ? median[n / 2] : 0.5f * (median[n / 2 - 1] + median[n / 2]);
    }

    private static float re(float[] x, int k) {
        return k == 0 ? x[0] : k == BINS - 1 ? x[1] : x[2 * k];
    }

    private static float im(float[] x, int k) {
        return k == 0 || k == BINS - 1 ? 0 : x[2 * k + 1];
    }
}
