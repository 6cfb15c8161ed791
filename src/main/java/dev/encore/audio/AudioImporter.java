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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an audio file from a media folder: keeps its original bytes and decodes it to float32
 * PCM at the engine's sample rate, both streamed block by block into the blob store so a long
 * track never sits on the heap. A failed import leaves nothing stored.
 */
public final class AudioImporter {
    public static final int DEFAULT_SAMPLE_RATE = 48_000;
    private static final int COPY_BYTES = 1 << 16;
    private static final Logger LOG = LoggerFactory.getLogger(AudioImporter.class);

    private final BlobStore store;
    private final MediaFolders folders;
    private final int sampleRate;
    private final BlobDecoder decoder;

    public AudioImporter(BlobStore store, MediaFolders folders, int sampleRate, Ffmpeg ffmpeg) {
        if (sampleRate < 8000 || sampleRate > 384_000) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Engine sample rate " + sampleRate + " Hz is out of range (8000 to 384000).");
        }
        this.store = store;
        this.folders = folders;
        this.sampleRate = sampleRate;
        this.decoder = new BlobDecoder(store, sampleRate, ffmpeg);
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

    /**
     * Imports the file a controller named (checked against the media folders) on the calling
     * thread; progress goes from 0 to 1.
     */
    public ImportedAudio importFile(Path requested, Progress progress) {
        Path file = folders.resolve(requested);
        String name = file.getFileName().toString();
        Object key = MediaFile.keyOf(file);
        long size = sizeOf(file);
        if (size == 0) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot import " + name + ": the file is empty.");
        }
        progress.report(0);
        try (BlobWriter original = store.newWriter()) {
            copy(file, key, original, size, progress.range(0, 0.1));
            PcmAsset pcm = decoder.decode(file, progress.range(0.1, 1));
            AssetId originalId = original.commit();
            LOG.info("Imported {}: {} frames, {} channel(s) at {} Hz", name, pcm.frames(), pcm.channels(), pcm.sampleRate());
            progress.report(1);
            return new ImportedAudio(originalId, pcm.id(), name, pcm.sampleRate(), pcm.channels(), pcm.frames());
        }
    }

    private void copy(Path file, Object key, BlobWriter original, long size, Progress progress) {
        ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BYTES);
        ProgressSteps steps = new ProgressSteps(progress, size);
        long done = 0;
        try (FileChannel ch = MediaFile.open(file, key)) {
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
}
