package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioImporterTest {
    @TempDir
    Path temp;
    Path media;
    BlobStore store;

    @BeforeEach
    void setUp() throws IOException {
        media = Files.createDirectories(temp.resolve("media"));
        store = BlobStore.open(temp.resolve("blobs"), Disk.local());
    }

    private AudioImporter importer(int rate) {
        return new AudioImporter(store, MediaFolders.of(media), rate, Ffmpeg.onPath(""));
    }

    private static double maxError(FloatBuffer pcm, int channels, long frames, float rate, double... freqs) {
        double max = 0;
        for (long i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                max = Math.max(max, Math.abs(pcm.get((int) (i * channels + c)) - ToneFile.exact(freqs[c], rate, i)));
            }
        }
        return max;
    }

    @Test
    void sixteenBitWavDecodesWithinOneTenThousandthOfTheExactSamples() throws IOException {
        Path wav = ToneFile.wav(media.resolve("tone16.wav"), 16, false, 48000, 0.5, 440, 660);
        ImportedAudio audio = importer(48000).importFile(wav, Progress.NONE);
        assertEquals(24000, audio.frames());
        assertEquals(2, audio.channels());
        FloatBuffer pcm = audio.pcmAsset().map(store).floats();
        assertTrue(maxError(pcm, 2, audio.frames(), 48000, 440, 660) < 1e-4);
    }

    @Test
    void everyIntegerAndFloatWavAndAiffDepthDecodesAccurately() throws IOException {
        record Case(String name, Path file, double bound) { }
        List<Case> cases = List.of(
                new Case("wav24", ToneFile.wav(media.resolve("t24.wav"), 24, false, 44100, 0.25, 440, 660), 1e-6),
                new Case("wav32", ToneFile.wav(media.resolve("t32.wav"), 32, false, 44100, 0.25, 440, 660), 1e-6),
                new Case("wavFloat", ToneFile.wav(media.resolve("tf.wav"), 32, true, 44100, 0.25, 440, 660), 1e-7),
                new Case("aiff16", ToneFile.aiff(media.resolve("t16.aiff"), 16, 44100, 0.25, 440, 660), 1e-4),
                new Case("aiff24", ToneFile.aiff(media.resolve("t24.aif"), 24, 44100, 0.25, 440, 660), 1e-6),
                new Case("wav8", ToneFile.wav(media.resolve("t8.wav"), 8, false, 44100, 0.25, 440, 660), 2.0 / 127),
                new Case("wavDouble", ToneFile.wav(media.resolve("td.wav"), 64, true, 44100, 0.25, 440, 660), 1e-7),
                new Case("aiff8", ToneFile.aiff(media.resolve("t8.aiff"), 8, 44100, 0.25, 440, 660), 2.0 / 127),
                new Case("aiff32", ToneFile.aiff(media.resolve("t32.aiff"), 32, 44100, 0.25, 440, 660), 1e-6),
                new Case("monoWav16", ToneFile.wav(media.resolve("m16.wav"), 16, false, 44100, 0.25, 440), 1e-4));
        for (Case c : cases) {
            ImportedAudio audio = importer(44100).importFile(c.file(), Progress.NONE);
            int channels = c.name().startsWith("mono") ? 1 : 2;
            assertEquals(channels, audio.channels(), c.name());
            assertEquals(11025, audio.frames(), c.name());
            double err = maxError(audio.pcmAsset().map(store).floats(), channels, audio.frames(), 44100, 440, 660);
            assertTrue(err < c.bound(), c.name() + " max error " + err);
        }
    }

    @Test
    void leftAndRightChannelsStayApart() throws IOException {
        Path wav = ToneFile.wav(media.resolve("lr.wav"), 16, false, 48000, 1, 440, 660);
        ImportedAudio audio = importer(48000).importFile(wav, Progress.NONE);
        FloatBuffer pcm = audio.pcmAsset().map(store).floats();
        assertEquals(440, ToneFile.frequency(pcm, 2, 0, 48000, 0, audio.frames()), 0.5);
        assertEquals(660, ToneFile.frequency(pcm, 2, 1, 48000, 0, audio.frames()), 0.5);
    }

    @Test
    void resamplingFrom44100To48000KeepsPitchFramesAndDuration() throws IOException {
        Path wav = ToneFile.wav(media.resolve("cd.wav"), 16, false, 44100, 2, 440, 660);
        ImportedAudio audio = importer(48000).importFile(wav, Progress.NONE);
        assertEquals(48000, audio.sampleRate());
        assertEquals(96000, audio.frames());
        assertEquals(2.0, audio.durationSeconds(), 1e-9);
        assertEquals(96000L * 2 * 4, store.length(audio.pcm()));
        FloatBuffer pcm = audio.pcmAsset().map(store).floats();
        assertEquals(440, ToneFile.frequency(pcm, 2, 0, 48000, 0, audio.frames()), 440 * 0.005);
        assertEquals(660, ToneFile.frequency(pcm, 2, 1, 48000, 0, audio.frames()), 660 * 0.005);
        double err = 0;
        for (int i = 1000; i < 95000; i++) {
            err = Math.max(err, Math.abs(pcm.get(2 * i) - ToneFile.exact(440, 48000, i)));
        }
        assertTrue(err < 1e-3, "resampled tone deviates by " + err);
    }

    @Test
    void theOriginalFileIsKeptByteForByte() throws IOException {
        Path wav = ToneFile.wav(media.resolve("keep.wav"), 24, false, 44100, 0.3, 440, 660);
        ImportedAudio audio = importer(48000).importFile(wav, Progress.NONE);
        byte[] stored = new byte[(int) store.length(audio.original())];
        store.map(audio.original(), -1).bytes().get(stored);
        assertArrayEquals(Files.readAllBytes(wav), stored);
        assertEquals("keep.wav", audio.fileName());
    }

    @Test
    void progressRisesFromZeroToOne() throws IOException {
        Path wav = ToneFile.wav(media.resolve("p.wav"), 16, false, 44100, 3, 440, 660);
        List<Double> seen = new ArrayList<>();
        importer(48000).importFile(wav, seen::add);
        assertEquals(0.0, seen.get(0));
        assertEquals(1.0, seen.get(seen.size() - 1));
        assertTrue(seen.size() > 10, "only " + seen.size() + " reports");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress went back at " + i + ": " + seen);
        }
    }

    @Test
    void aTextFileNamedWavIsUnsupportedAudio() throws IOException {
        Path fake = Files.writeString(media.resolve("notes.wav"), "setlist: opener, ballad, encore\n".repeat(20));
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(fake, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("notes.wav"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws IOException {
        Path empty = Files.createFile(media.resolve("empty.wav"));
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(empty, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void aWavWithNoSamplesIsReportedAsEmptyOrCorruptAndStoresNothing() throws IOException {
        Path silent = ToneFile.wav(media.resolve("nothing.wav"), 16, false, 44100, 0, 440, 660);
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(silent, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("empty or corrupt"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void anUnknownExtensionIsUnsupportedAudio() throws IOException {
        Path doc = Files.writeString(media.resolve("lyrics.docx"), "words");
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(doc, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains(".docx"), e.getMessage());
    }

    @Test
    void aMissingFileIsABadArgumentNamingThePath() {
        Path missing = media.resolve("gone.wav");
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(missing, Progress.NONE));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("gone.wav"), e.getMessage());
    }

    @Test
    void aFileOutsideTheMediaFoldersIsNotAllowed() throws IOException {
        Path outside = ToneFile.wav(temp.resolve("private.wav"), 16, false, 44100, 0.1, 440);
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(outside, Progress.NONE));
        assertEquals(Reason.PATH_NOT_ALLOWED, e.reason());
        EncoreException dots = assertThrows(EncoreException.class,
                () -> importer(48000).importFile(media.resolve("../private.wav"), Progress.NONE));
        assertEquals(Reason.PATH_NOT_ALLOWED, dots.reason());
        assertNothingStored();
    }

    @Test
    void mp3WithoutFfmpegNamesTheInstallStep() throws IOException {
        Path mp3 = Files.write(media.resolve("song.mp3"), new byte[] {(byte) 0xff, (byte) 0xfb, 0x10, 0});
        EncoreException e = assertThrows(EncoreException.class, () -> importer(48000).importFile(mp3, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("install ffmpeg"), e.getMessage());
        assertTrue(e.getMessage().contains("apt install ffmpeg"), e.getMessage());
        assertNothingStored();
    }

    @Test
    void flacDecodesThroughFfmpegWhenItIsInstalled() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.onPath();
        assumeTrue(ffmpeg.isAvailable(), "ffmpeg is not installed");
        Path wav = ToneFile.wav(temp.resolve("src.wav"), 16, false, 44100, 1, 440, 660);
        Path flac = media.resolve("song.flac");
        Process p = new ProcessBuilder(ffmpeg.executable().get().toString(), "-v", "error", "-i", wav.toString(), flac.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        ImportedAudio audio = new AudioImporter(store, MediaFolders.of(media), 48000, ffmpeg).importFile(flac, Progress.NONE);
        assertEquals(2, audio.channels());
        assertEquals(48000, audio.frames(), 48000 * 0.01);
        FloatBuffer pcm = audio.pcmAsset().map(store).floats();
        assertEquals(440, ToneFile.frequency(pcm, 2, 0, 48000, 0, audio.frames()), 440 * 0.005);
        assertEquals(660, ToneFile.frequency(pcm, 2, 1, 48000, 0, audio.frames()), 660 * 0.005);
    }

    @Test
    void aMonoMp3StaysMonoThroughFfmpegWhenItIsInstalled() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.onPath();
        assumeTrue(ffmpeg.isAvailable() && ffmpeg.probe().isPresent(), "ffmpeg and ffprobe are not installed");
        Path wav = ToneFile.wav(temp.resolve("mono.wav"), 16, false, 44100, 1, 440);
        Path mp3 = media.resolve("mono.mp3");
        Process p = new ProcessBuilder(ffmpeg.executable().get().toString(), "-v", "error", "-i", wav.toString(), mp3.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "this ffmpeg has no MP3 encoder");
        ImportedAudio audio = new AudioImporter(store, MediaFolders.of(media), 48000, ffmpeg).importFile(mp3, Progress.NONE);
        assertEquals(1, audio.channels());
        assertEquals(440, ToneFile.frequency(audio.pcmAsset().map(store).floats(), 1, 0, 48000, 4800, 43200), 440 * 0.005);
    }

    @Test
    void corruptCompressedAudioGivesATypedErrorWhenFfmpegIsInstalled() throws IOException {
        Ffmpeg ffmpeg = Ffmpeg.onPath();
        assumeTrue(ffmpeg.isAvailable(), "ffmpeg is not installed");
        Path junk = Files.writeString(media.resolve("junk.ogg"), "not really vorbis");
        AudioImporter importer = new AudioImporter(store, MediaFolders.of(media), 48000, ffmpeg);
        EncoreException e = assertThrows(EncoreException.class, () -> importer.importFile(junk, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertNothingStored();
    }

    private void assertNothingStored() throws IOException {
        assertTrue(store.list().isEmpty(), "blobs left: " + store.list());
        try (Stream<Path> tmp = Files.list(temp.resolve("blobs").resolve("tmp"))) {
            assertEquals(0, tmp.count(), "temp files left behind");
        }
    }
}
