package dev.encore.audio;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes WAV and AIFF (8, 16, 24 and 32-bit integer, 32 and 64-bit float, mono or stereo) with
 * Java Sound's file readers and TarsosDSP's sample converter, keeping every channel apart.
 */
final class JavaSoundDecoder implements PcmDecoder {
    private final Path file;
    private final AudioInputStream in;
    private final TarsosDSPAudioFloatConverter converter;
    private final int channels;
    private final int frameBytes;
    private final int sampleRate;
    private byte[] bytes = new byte[0];

    private JavaSoundDecoder(Path file, AudioInputStream in, TarsosDSPAudioFloatConverter converter) {
        this.file = file;
        this.in = in;
        this.converter = converter;
        AudioFormat format = in.getFormat();
        this.channels = format.getChannels();
        this.frameBytes = format.getFrameSize();
        this.sampleRate = Math.round(format.getSampleRate());
    }

    static JavaSoundDecoder open(Path file) {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "Cannot read " + file.getFileName() + ": it is not a WAV or AIFF file Java Sound understands (corrupt or another format).", e);
        } catch (IOException | RuntimeException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot read " + file.getFileName() + ": the file is corrupt (" + e.getMessage() + ").", e);
        }
        try {
            AudioInputStream pcm = toPcm(file, in);
            AudioFormat f = pcm.getFormat();
            if (f.getChannels() < 1 || f.getChannels() > 2) {
                throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                        file.getFileName() + " has " + f.getChannels() + " channels; Encore plays mono and stereo: mix it down to stereo first.");
            }
            TarsosDSPAudioFloatConverter converter = TarsosDSPAudioFloatConverter.getConverter(tarsosFormat(f));
            if (converter == null || f.getFrameSize() <= 0 || !(f.getSampleRate() > 0)) {
                throw new EncoreException(Reason.UNSUPPORTED_AUDIO, file.getFileName() + " uses a sample format Encore cannot decode: " + f + ".");
            }
            return new JavaSoundDecoder(file, pcm, converter);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static AudioInputStream toPcm(Path file, AudioInputStream in) {
        AudioFormat.Encoding enc = in.getFormat().getEncoding();
        if (AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc)
                || AudioFormat.Encoding.PCM_FLOAT.equals(enc)) {
            return in;
        }
        try {
            return AudioSystem.getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, in);
        } catch (IllegalArgumentException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    file.getFileName() + " is encoded as " + enc + ", which Encore cannot decode; convert it to PCM WAV.", e);
        }
    }

    private static TarsosDSPAudioFormat tarsosFormat(AudioFormat f) {
        TarsosDSPAudioFormat.Encoding enc;
        if (AudioFormat.Encoding.PCM_FLOAT.equals(f.getEncoding())) {
            enc = TarsosDSPAudioFloatConverter.PCM_FLOAT;
        } else if (AudioFormat.Encoding.PCM_UNSIGNED.equals(f.getEncoding())) {
            enc = TarsosDSPAudioFormat.Encoding.PCM_UNSIGNED;
        } else {
            enc = TarsosDSPAudioFormat.Encoding.PCM_SIGNED;
        }
        return new TarsosDSPAudioFormat(enc, f.getSampleRate(), f.getSampleSizeInBits(), f.getChannels(),
                f.getFrameSize(), f.getFrameRate(), f.isBigEndian());
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long frames() {
        return in.getFrameLength() == AudioSystem.NOT_SPECIFIED ? -1 : in.getFrameLength();
    }

    @Override
    public int read(float[] interleaved, int maxFrames) {
        int want = maxFrames * frameBytes;
        if (bytes.length < want) {
            bytes = new byte[want];
        }
        int filled = 0;
        try {
            while (filled < want) {
                int n = in.read(bytes, filled, want - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (IOException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot read " + file.getFileName() + ": the file is corrupt (" + e.getMessage() + ").", e);
        }
        int frames = filled / frameBytes;
        if (frames == 0) {
            return -1;
        }
        converter.toFloatArray(bytes, 0, interleaved, 0, frames * channels);
        return frames;
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(AudioInputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Nothing was written through it; a failed close loses nothing.
        }
    }
}
