package dev.encore.audio;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes WAV and AIFF (8, 16, 24 and 32-bit integer, 32 and 64-bit float, mono or stereo) with
 * Java Sound's file readers and TarsosDSP's sample converter, keeping every channel apart.
 */
final class JavaSoundDecoder extends PcmDecoder {
    private final Path file;
    private final AudioInputStream in;
    private final TarsosDSPAudioFloatConverter converter;
    private final int frameBytes;
    /** Data sizes this large are what recorders write when they stream and do not know the length. */
    private static final long UNKNOWN_DATA_BYTES = 0xFFFF_F000L;

    private byte[] bytes = new byte[0];
    private long framesRead;
    private final boolean wholeLength;

    private JavaSoundDecoder(Path file, AudioInputStream in, TarsosDSPAudioFloatConverter converter, boolean wholeLength) {
        super(in.getFormat().getChannels(), Math.round(in.getFormat().getSampleRate()));
        this.file = file;
        this.wholeLength = wholeLength;
        this.in = in;
        this.converter = converter;
        this.frameBytes = in.getFormat().getFrameSize();
    }

    /**
     * Decodes {@code file} from {@code source}, its bytes from the start (reads that {@code watch}
     * stops fail with its reason); with {@code wholeLength}, reaching its end before the length its
     * header states is an error.
     */
    static JavaSoundDecoder open(Path file, InputStream source, ReadWatch watch, boolean wholeLength) {
        AudioInputStream in;
        InputStream raw = new BufferedInputStream(source, 1 << 16);
        try {
            in = AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            closeQuietly(raw);
            throw watch.explain(new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "Cannot read " + file.getFileName() + ": it is not a WAV or AIFF file Java Sound understands (corrupt or another format).", e));
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw watch.explain(e instanceof EncoreException encore ? encore : new EncoreException(Reason.UNSUPPORTED_AUDIO,
                    "Cannot read " + file.getFileName() + ": the file is corrupt (" + e.getMessage() + ").", e));
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
            return new JavaSoundDecoder(file, pcm, converter, wholeLength);
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
    long frames() {
        return in.getFrameLength() == AudioSystem.NOT_SPECIFIED ? -1 : in.getFrameLength();
    }

    @Override
    int read(float[] interleaved, int maxFrames) {
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
        framesRead += frames;
        if (frames == 0) {
            checkComplete();
            return -1;
        }
        converter.toFloatArray(bytes, 0, interleaved, 0, frames * channels());
        return frames;
    }

    /**
     * At the end of the data, the file must have held as many frames as its header promised: a WAV
     * or AIFF cut short (a copy that stopped, a download that broke) is refused, not imported as a
     * shorter track. A header that states no length, or the streaming "unknown" length, is not checked.
     */
    private void checkComplete() {
        long promised = frames();
        boolean streamingLength = promised * frameBytes >= UNKNOWN_DATA_BYTES;
        if (wholeLength && promised >= 0 && !streamingLength && framesRead < promised) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, String.format(java.util.Locale.ROOT,
                    "%s is cut short: its header promises %d frames (%.3f s) but the file holds %d (%.3f s). "
                    + "Copy or export the file again; nothing was imported.", file.getFileName(), promised,
                    promised / (double) sampleRate(), framesRead, framesRead / (double) sampleRate()));
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Nothing was written through it; a failed close loses nothing.
        }
    }
}
