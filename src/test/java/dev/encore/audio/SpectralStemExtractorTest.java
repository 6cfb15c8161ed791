package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import dev.encore.store.Disk;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectralStemExtractorTest {
    static final int RATE = 48000;
    static final int FRAMES = 8 * RATE;

    @TempDir
    Path temp;
    BlobStore store;

    @BeforeEach
    void setUp() {
        store = BlobStore.open(temp.resolve("blobs"), Disk.local());
    }

    /** A sung line in the centre over chords panned to the sides, a centred kick and a hi-hat: the truth of each part, stereo. */
    static final class TestMix {
        final float[] voice = new float[FRAMES * 2];
        final float[] band = new float[FRAMES * 2];

        TestMix() {
            Random noise = new Random(42);
            double phase = 0;
            double[][] chords = {{261.63, 329.63, 392.00}, {220.00, 261.63, 329.63}, {174.61, 220.00, 261.63}, {196.00, 246.94, 293.66}};
            float hat = 0;
            for (int i = 0; i < FRAMES; i++) {
                double t = (double) i / RATE;
                double note = t % 2 < 1 ? 220 : 246.94;
                double f0 = note * (1 + 0.015 * Math.sin(2 * Math.PI * 5.5 * t));
                phase += 2 * Math.PI * f0 / RATE;
                double syllable = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.75 * t);
                double v = 0;
                for (int h = 1; h <= 10; h++) {
                    v += Math.sin(h * phase) / h;
                }
                float vocal = (float) (0.25 * syllable * v);
                int chord = (int) (t / 2) % chords.length;
                double left = 0;
                double right = 0;
                for (int n = 0; n < 3; n++) {
                    double tone = 0;
                    for (int h = 1; h <= 4; h++) {
                        tone += Math.sin(2 * Math.PI * h * chords[chord][n] * t) / (h * h);
                    }
                    double pan = n == 0 ? 0.1 : n == 1 ? 0.85 : 0.3;
                    left += 0.12 * tone * Math.cos(pan * Math.PI / 2);
                    right += 0.12 * tone * Math.sin(pan * Math.PI / 2);
                }
                double beat = t % 0.5;
                double kick = 0.5 * Math.exp(-beat * 30) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-beat * 40)) * beat);
                if (i % (RATE / 4) == 0) {
                    hat = 1;
                }
                hat *= 0.9985f;
                double hiss = 0.15 * hat * (noise.nextDouble() * 2 - 1);
                voice[2 * i] = vocal;
                voice[2 * i + 1] = vocal;
                band[2 * i] = (float) (left + kick + 0.8 * hiss);
                band[2 * i + 1] = (float) (right + kick + 0.4 * hiss);
            }
        }

        float[] mix() {
            float[] m = new float[voice.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = voice[i] + band[i];
            }
            return m;
        }
    }

    private PcmAsset put(float[] interleaved, int channels) {
        try (BlobWriter w = store.newWriter()) {
            AssetId id = w.writeFloats(interleaved, 0, interleaved.length).commit();
            return new PcmAsset(id, RATE, channels, interleaved.length / channels);
        }
    }

    /** Signal-to-distortion ratio in dB of an estimate against the truth. */
    static double sdr(float[] truth, FloatBuffer estimate) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - estimate.get(i);
            signal += truth[i] * truth[i];
            error += d * d;
        }
        return 10 * Math.log10(signal / error);
    }

    @Test
    void separatesACentredVoiceFromPannedChordsAndDrumsMeasurably() {
        TestMix mix = new TestMix();
        PcmAsset song = put(mix.mix(), 2);
        long started = System.nanoTime();
        Map<String, AssetId> stems = new SpectralStemExtractor(store).extract(StemSource.of(song, store), Progress.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        FloatBuffer vocals = store.map(stems.get("vocals"), song.bytes()).floats();
        FloatBuffer instruments = store.map(stems.get("instruments"), song.bytes()).floats();
        double vocalSdr = sdr(mix.voice, vocals);
        double instrumentSdr = sdr(mix.band, instruments);
        double baselineVocal = sdr(mix.voice, FloatBuffer.wrap(mix.mix()));
        System.out.printf("built-in separator on the test mix: vocals SDR %.1f dB (mix as estimate: %.1f dB),"
                + " instruments SDR %.1f dB; 8 s of stereo took %.2f s%n", vocalSdr, baselineVocal, instrumentSdr, seconds);
        assertTrue(vocalSdr > 8, "vocals SDR " + vocalSdr + " dB");
        assertTrue(instrumentSdr > 7, "instruments SDR " + instrumentSdr + " dB");
    }

    @Test
    void vocalsAndInstrumentsAddUpToTheMixSampleForSample() {
        float[] mix = new TestMix().mix();
        PcmAsset song = put(mix, 2);
        List<Double> progress = new ArrayList<>();
        Map<String, AssetId> stems = new SpectralStemExtractor(store).extract(StemSource.of(song, store), progress::add);
        FloatBuffer vocals = store.map(stems.get("vocals"), song.bytes()).floats();
        FloatBuffer instruments = store.map(stems.get("instruments"), song.bytes()).floats();
        double worst = 0;
        for (int i = 0; i < mix.length; i++) {
            worst = Math.max(worst, Math.abs(vocals.get(i) + instruments.get(i) - mix[i]));
        }
        assertTrue(worst < 1e-6, "stems differ from the mix by " + worst);
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.size() > 10);
    }

    @Test
    void aMonoTrackKeepsItsSustainedToneAsVocalsAndItsClicksAsInstruments() {
        float[] tone = new float[2 * RATE];
        float[] clicks = new float[2 * RATE];
        Random noise = new Random(7);
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / RATE));
            clicks[i] = i % (RATE / 4) < 200 ? (float) (0.3 * (noise.nextDouble() * 2 - 1)) : 0;
        }
        float[] mix = new float[tone.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = tone[i] + clicks[i];
        }
        PcmAsset song = put(mix, 1);
        Map<String, AssetId> stems = new SpectralStemExtractor(store).extract(StemSource.of(song, store), Progress.NONE);
        assertTrue(sdr(tone, store.map(stems.get("vocals"), song.bytes()).floats()) > 6);
        assertTrue(sdr(clicks, store.map(stems.get("instruments"), song.bytes()).floats()) > 0);
    }

    @Test
    void memoryStaysBoundedWhateverTheTrackLength() {
        float[] minute = new float[60 * RATE * 2];
        Random noise = new Random(3);
        for (int i = 0; i < minute.length; i++) {
            minute[i] = (float) (0.2 * Math.sin(i * 0.03) + 0.05 * noise.nextGaussian());
        }
        PcmAsset song = put(minute, 2);
        StemSource source = StemSource.of(song, store);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        new SpectralStemExtractor(store).extract(source, Progress.NONE);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < song.bytes() / 10, "extraction allocated " + allocated + " bytes for " + song.bytes() + " bytes of audio");
    }
}
