package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.BlobWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an audio file from a media folder: keeps its original bytes and decodes it to float32
 * PCM at the engine's sample rate, both streamed block by block into the blob store so a long
 * track never sits on the heap. A failed import leaves nothing stored; no file or decoder can hold
 * it forever (see {@link ReadWatch}).
 */
public final class AudioImporter {
    public static final int DEFAULT_SAMPLE_RATE = 48_000;
    private static final int COPY_BYTES = 1 << 16;
    private static final Logger LOG = LoggerFactory.getLogger(AudioImporter.class);

    private final BlobStore store;
    private final MediaFolders folders;
    private final int sampleRate;
    private final BlobDecoder decoder;
    private final Duration readTimeout;

    public AudioImporter(BlobStore store, MediaFolders folders, int sampleRate, Ffmpeg ffmpeg) {
        this(store, folders, sampleRate, ffmpeg, ReadWatch.DEFAULT_READ_TIMEOUT);
    }

    /** An importer whose reads (and the decoder's output) may each wait at most {@code readTimeout}. */
    AudioImporter(BlobStore store, MediaFolders folders, int sampleRate, Ffmpeg ffmpeg, Duration readTimeout) {
        if (sampleRate < 8000 || sampleRate > 384_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Engine sample rate " + sampleRate + " Hz is out of range (8000 to 384000).");
        }
        this.store = store;
        this.folders = folders;
        this.sampleRate = sampleRate;
        this.decoder = new BlobDecoder(store, sampleRate, ffmpeg);
        this.readTimeout = readTimeout;
    }

    /** An importer at {@link #DEFAULT_SAMPLE_RATE} using the ffmpeg on the PATH, if any. */
    public AudioImporter(BlobStore store, MediaFolders folders) {
        this(store, folders, DEFAULT_SAMPLE_RATE, Ffmpeg.onPath());
    }

    public BlobStore store() {
        return store;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** A watch for one import's reads, with this importer's read timeout. */
    public ReadWatch watch(String fileName) {
        return new ReadWatch(fileName, readTimeout);
    }

    /** Imports as {@link #importFile(Path, Progress, ReadWatch)} with a watch of its own. */
    public ImportedAudio importFile(Path requested, Progress progress) {
        return importFile(requested, progress, watch(requested.getFileName().toString()));
    }

    /**
     * Imports the file a controller named (checked against the media folders) on the calling
     * thread; progress goes from 0 to 1. The file is opened once: its original bytes and the
     * decoder both read that one checked channel, every read within the read timeout, and
     * {@code watch} stops it all when the import is cancelled; it is closed when the import ends.
     */
    public ImportedAudio importFile(Path requested, Progress progress, ReadWatch watch) {
        try (watch) {
            return importChecked(folders.resolve(requested), progress, watch);
        }
    }

    private ImportedAudio importChecked(Path file, Progress progress, ReadWatch watch) {
        String name = file.getFileName().toString();
        try (FileChannel channel = MediaFile.open(file, watch); BlobWriter original = store.newWriter()) {
            long size = channel.size();
            progress.report(0);
            copy(file, channel, watch, original, size, progress.range(0, 0.1));
            PcmAsset pcm = decoder.decode(file, channel, watch, 0, -1, progress.range(0.1, 1));
            AssetId originalId = original.commit();
            LOG.info("Imported {}: {} frames, {} channel(s) at {} Hz", name, pcm.frames(), pcm.channels(), pcm.sampleRate());
            progress.report(1);
            return new ImportedAudio(originalId, pcm.id(), name, pcm.sampleRate(), pcm.channels(), pcm.frames());
        } catch (IOException e) {
            throw watch.explain(new EncoreException(Reason.BAD_ARGUMENTS, "Cannot read " + file + ": " + e.getMessage(), e));
        }
    }

    private static void copy(Path file, FileChannel channel, ReadWatch watch, BlobWriter original, long size, Progress progress) {
        ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BYTES);
        ProgressSteps steps = new ProgressSteps(progress, size);
        long done = 0;
        while (WatchedInput.read(file, channel, watch, buf, done) >= 0) {
            buf.flip();
            done += buf.remaining();
            original.write(buf);
            buf.clear();
            steps.at(done);
        }
    }
}
