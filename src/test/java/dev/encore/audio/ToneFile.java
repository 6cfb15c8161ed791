package dev.encore.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes real audio files of sine tones (one frequency per channel) through Java Sound, streamed. */
final class ToneFile {
    static final double AMPLITUDE = 0.5;

    private ToneFile() {
    }

    /** The exact value of channel {@code c} at frame {@code i}. */
    static double exact(double freq, float rate, long i) {
        return AMPLITUDE * Math.sin(2 * Math.PI * freq * i / rate);
    }

    static Path wav(Path file, int bits, boolean floating, float rate, double seconds, double... freqs) throws IOException {
        return write(file, AudioFileFormat.Type.WAVE, bits, floating, false, rate, seconds, freqs);
    }

    static Path aiff(Path file, int bits, float rate, double seconds, double... freqs) throws IOException {
        return write(file, AudioFileFormat.Type.AIFF, bits, false, true, rate, seconds, freqs);
    }

    static Path write(Path file, AudioFileFormat.Type type, int bits, boolean floating, boolean bigEndian,
            float rate, double seconds, double... freqs) throws IOException {
        int channels = freqs.length;
        int bytesPerSample = bits / 8;
        long frames = Math.round(seconds * rate);
        boolean unsigned = bits == 8 && type == AudioFileFormat.Type.WAVE;
        AudioFormat.Encoding encoding = floating ? AudioFormat.Encoding.PCM_FLOAT
                : unsigned ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
        AudioFormat format = new AudioFormat(encoding,
                rate, bits, channels, bytesPerSample * channels, rate, bigEndian);
        InputStream samples = new InputStream() {
            private long frame;
            private final byte[] current = new byte[bytesPerSample * channels];
            private int pos = current.length;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (frame == frames) {
                        return -1;
                    }
                    fill();
                }
                return current[pos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int v = read();
                    if (v < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) v;
                }
                return n;
            }

            private void fill() {
                for (int c = 0; c < channels; c++) {
                    double v = exact(freqs[c], rate, frame);
                    long bitsValue = floating
                            ? bits == 64 ? Double.doubleToLongBits(v) : Float.floatToIntBits((float) v)
                            : Math.round(v * ((1L << (bits - 1)) - 1)) + (unsigned ? 128 : 0);
                    for (int k = 0; k < bytesPerSample; k++) {
                        int shift = 8 * (bigEndian ? bytesPerSample - 1 - k : k);
                        current[c * bytesPerSample + k] = (byte) (bitsValue >> shift);
                    }
                }
                frame++;
                pos = 0;
            }
        };
        AudioSystem.write(new AudioInputStream(samples, format, frames), type, file.toFile());
        return file;
    }

    /** The frequency of one channel of interleaved PCM, from its rising zero crossings (interpolated). */
    static double frequency(FloatBuffer pcm, int channels, int channel, int rate, long fromFrame, long toFrame) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        float prev = pcm.get((int) (fromFrame * channels + channel));
        for (long i = fromFrame + 1; i < toFrame; i++) {
            float v = pcm.get((int) (i * channels + channel));
            if (prev < 0 && v >= 0) {
                double t = (i - 1) + (-prev) / (v - prev);
                if (first < 0) {
                    first = t;
                }
                last = t;
                crossings++;
            }
            prev = v;
        }
        return (crossings - 1) / ((last - first) / rate);
    }
}
