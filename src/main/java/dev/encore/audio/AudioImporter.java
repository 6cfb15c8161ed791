package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an audio file from a media folder: keeps its original bytes and decodes it to float32
 * PCM at the engine's sample rate, both streamed block by block into the blob store so a long
 * track never sits on the heap. A failed import leaves nothing stored.
 */
public final class AudioImporter {
    public static final int DEFAULT_SAMPLE_RATE = 48_000;
    static final int BLOCK_FRAMES = 8192;
    private static final int COPY_BYTES = 1 << 16;
    private static final Set<String> JAVA_SOUND = Set.of("wav", "wave", "aif", "aiff", "aifc");
    private static final Set<String> FFMPEG = Set.of("mp3", "flac", "ogg", "oga", "opus");
    private static final Logger LOG = LoggerFactory.getLogger(AudioImporter.class);

    private final BlobStore store;
    private final MediaFolders folders;
    private final int sampleRate;
    private final Ffmpeg ffmpeg;

    public AudioImporter(BlobStore store, MediaFolders folders, int sampleRate, Ffmpeg ffmpeg) {
        if (sampleRate < 8000 || sampleRate > 384_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Engine sample rate " + sampleRate + " Hz is out of range (8000 to 384000).");
        }
        this.store = store;
        this.folders = folders;
        this.sampleRate = sampleRate;
        this.ffmpeg = ffmpeg;
    }

    /** An importer at {@link #DEFAULT_SAMPLE_RATE} using the ffmpeg on the PATH, if any. */
    public AudioImporter(BlobStore store, MediaFolders folders) {
        this(store, folders, DEFAULT_SAMPLE_RATE, Ffmpeg.onPath());
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Imports the file a controller named (checked against the media folders) on the calling
     * thread; progress goes from 0 to 1.
     */
    public ImportedAudio importFile(Path requested, Progress progress) {
        Path file = folders.resolve(requested);
        String name = file.getFileName().toString();
        long size = sizeOf(file);
        if (size == 0) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot import " + name + ": the file is empty.");
        }
        progress.report(0);
        try (BlobWriter original = store.newWriter()) {
            copy(file, original, size, progress.range(0, 0.1));
            PcmAsset pcm = decode(file, progress.range(0.1, 1));
            AssetId originalId = original.commit();
            LOG.info("Imported {}: {} frames, {} channel(s) at {} Hz", name, pcm.frames(), pcm.channels(), pcm.sampleRate());
            progress.report(1);
            return new ImportedAudio(originalId, pcm.id(), name, pcm.sampleRate(), pcm.channels(), pcm.frames());
        }
    }

    /**
     * Decodes a file Encore itself holds (for example a stem a separator wrote) to a PCM blob at
     * the engine's rate, without the media folder check.
     */
    PcmAsset decode(Path file, Progress progress) {
        try (PcmDecoder decoder = open(file); BlobWriter pcm = store.newWriter()) {
            long frames = decoder.sampleRate() == sampleRate
                    ? copyFrames(decoder, pcm, progress)
                    : resampleFrames(decoder, pcm, progress);
            if (frames == 0) {
                throw new EncoreException(Reason.UNSUPPORTED_AUDIO,
                        "Cannot import " + file.getFileName() + ": it contains no audio (the file is empty or corrupt).");
            }
            return new PcmAsset(pcm.commit(), sampleRate, decoder.channels(), frames);
        }
    }

    private PcmDecoder open(Path file) {
        String ext = extension(file);
        if (JAVA_SOUND.contains(ext)) {
            return JavaSoundDecoder.open(file);
        }
        if (FFMPEG.contains(ext)) {
            return FfmpegDecoder.open(ffmpeg, file, sampleRate);
        }
        throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot import " + file.getFileName()
                + ": '." + ext + "' files are not supported; use WAV or AIFF, or MP3, FLAC or OGG with ffmpeg installed.");
    }

    private static long copyFrames(PcmDecoder decoder, BlobWriter pcm, Progress progress) {
        float[] block = new float[BLOCK_FRAMES * decoder.channels()];
        ProgressSteps steps = new ProgressSteps(progress, decoder.frames());
        long frames = 0;
        int n;
        while ((n = decoder.read(block, BLOCK_FRAMES)) > 0) {
            pcm.writeFloats(block, 0, n * decoder.channels());
            frames += n;
            steps.at(frames);
        }
        return frames;
    }

    private long resampleFrames(PcmDecoder decoder, BlobWriter pcm, Progress progress) {
        int channels = decoder.channels();
        float[] block = new float[BLOCK_FRAMES * channels];
        ChannelResampler resampler = new ChannelResampler(channels, decoder.sampleRate(), sampleRate);
        ProgressSteps steps = new ProgressSteps(progress, decoder.frames());
        long[] written = {0};
        long inputFrames = 0;
        int n;
        while ((n = decoder.read(block, BLOCK_FRAMES)) > 0) {
            inputFrames += n;
            long allowed = resampler.outputFrames(inputFrames);
            resampler.process(block, n, false, (out, frames) -> written[0] += writeUpTo(pcm, out, frames, channels, allowed - written[0]));
            steps.at(inputFrames);
        }
        long expected = resampler.outputFrames(inputFrames);
        resampler.process(block, 0, true, (out, frames) -> written[0] += writeUpTo(pcm, out, frames, channels, expected - written[0]));
        if (written[0] < expected) {
            float[] silence = new float[(int) Math.min(BLOCK_FRAMES, expected - written[0]) * channels];
            while (written[0] < expected) {
                int pad = (int) Math.min(silence.length / channels, expected - written[0]);
                pcm.writeFloats(silence, 0, pad * channels);
                written[0] += pad;
            }
        }
        return written[0];
    }

    private static int writeUpTo(BlobWriter pcm, float[] interleaved, int frames, int channels, long room) {
        int n = (int) Math.max(0, Math.min(frames, room));
        pcm.writeFloats(interleaved, 0, n * channels);
        return n;
    }

    private void copy(Path file, BlobWriter original, long size, Progress progress) {
        ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BYTES);
        ProgressSteps steps = new ProgressSteps(progress, size);
        long done = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                done += buf.remaining();
                original.write(buf);
                buf.clear();
                steps.at(done);
            }
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Reports progress at most once per percent, so a long decode does not flood the engine. */
    private static final class ProgressSteps {
        private final Progress progress;
        private final long total;
        private double last;

        ProgressSteps(Progress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        void at(long done) {
            if (total <= 0) {
                return;
            }
            double f = Math.min(1, (double) done / total);
            if (f - last >= 0.01) {
                last = f;
                progress.report(f);
            }
        }
    }
}
