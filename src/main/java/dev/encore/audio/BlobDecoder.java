package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes one audio file into a PCM blob at a fixed sample rate, block by block: Java Sound for
 * WAV and AIFF (resampled per channel when the file's rate differs), ffmpeg for the rest. Nothing
 * is stored unless the whole file decodes.
 */
final class BlobDecoder {
    static final int BLOCK_FRAMES = 8192;
    private static final Set<String> JAVA_SOUND = Set.of("wav", "wave", "aif", "aiff", "aifc");
    private static final Set<String> FFMPEG = Set.of("mp3", "flac", "ogg", "oga", "opus");

    private final BlobStore store;
    private final int sampleRate;
    private final Ffmpeg ffmpeg;

    BlobDecoder(BlobStore store, int sampleRate, Ffmpeg ffmpeg) {
        this.store = store;
        this.sampleRate = sampleRate;
        this.ffmpeg = ffmpeg;
    }

    /**
     * Decodes {@code file} (a stem a separator wrote) to {@code channels} channels (0: as the file
     * has) and exactly {@code frames} frames (cut or padded with silence; -1: as long as the file
     * is), opening it with a watch of its own.
     */
    PcmAsset decode(Path file, int channels, long frames, Progress progress) {
        try (ReadWatch watch = new ReadWatch(file.getFileName().toString(), ReadWatch.DEFAULT_READ_TIMEOUT);
                FileChannel channel = MediaFile.open(file, watch)) {
            return decode(file, channel, watch, channels, frames, progress);
        } catch (IOException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes the opened {@code channel} of {@code file} from its start, as {@link #decode(Path, int, long, Progress)}. */
    PcmAsset decode(Path file, FileChannel channel, ReadWatch watch, int channels, long frames, Progress progress) {
        // A file imported as it is must hold what its header promises; a stem cut or padded to the
        // source length may come shorter from its separator.
        try (PcmDecoder decoder = open(file, channel, watch, frames < 0); BlobWriter blob = store.newWriter()) {
            int outChannels = channels > 0 ? channels : decoder.channels();
            PcmSink sink = new PcmSink(blob, decoder.channels(), outChannels);
            if (frames >= 0) {
                sink.limit(frames);
            }
            if (decoder.sampleRate() == sampleRate) {
                copy(decoder, sink, progress);
            } else {
                resample(decoder, sink, frames < 0, progress);
            }
            if (sink.frames() == 0) {
                throw watch.explain(new EncoreException(Reason.UNSUPPORTED_AUDIO,
                        "Cannot decode " + file.getFileName() + ": it contains no audio (the file is empty or corrupt)."));
            }
            if (frames >= 0) {
                sink.padTo(frames);
            }
            return new PcmAsset(blob.commit(), sampleRate, outChannels, sink.frames());
        }
    }

    private PcmDecoder open(Path file, FileChannel channel, ReadWatch watch, boolean wholeLength) {
        String ext = extension(file);
        if (JAVA_SOUND.contains(ext)) {
            return JavaSoundDecoder.open(file, new WatchedInput(file, channel, watch), watch, wholeLength);
        }
        if (FFMPEG.contains(ext)) {
            return FfmpegDecoder.open(ffmpeg, file, channel, watch, sampleRate);
        }
        throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot import " + file.getFileName()
                + ": '." + ext + "' files are not supported; use WAV or AIFF, or MP3, FLAC or OGG with ffmpeg installed.");
    }

    private static void copy(PcmDecoder decoder, PcmSink sink, Progress progress) {
        float[] block = new float[BLOCK_FRAMES * decoder.channels()];
        ProgressSteps steps = new ProgressSteps(progress, decoder.frames());
        long frames = 0;
        int n;
        while ((n = decoder.read(block, BLOCK_FRAMES)) > 0) {
            sink.accept(block, n);
            frames += n;
            steps.at(frames);
        }
    }

    /** Resamples; with {@code exactLength}, the output is exactly the input's duration at the new rate. */
    private void resample(PcmDecoder decoder, PcmSink sink, boolean exactLength, Progress progress) {
        float[] block = new float[BLOCK_FRAMES * decoder.channels()];
        ChannelResampler resampler = new ChannelResampler(decoder.channels(), decoder.sampleRate(), sampleRate);
        ProgressSteps steps = new ProgressSteps(progress, decoder.frames());
        long inputFrames = 0;
        int n;
        while ((n = decoder.read(block, BLOCK_FRAMES)) > 0) {
            inputFrames += n;
            resampler.process(block, n, false, sink::accept);
            steps.at(inputFrames);
        }
        long expected = resampler.outputFrames(inputFrames);
        if (exactLength) {
            sink.limit(expected);
        }
        resampler.process(block, 0, true, sink::accept);
        if (exactLength && inputFrames > 0) {
            sink.padTo(expected);
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
