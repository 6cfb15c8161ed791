package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandStemExtractorTest {
    @TempDir
    Path temp;
    Path work;
    BlobStore store;
    PcmAsset song;

    @BeforeEach
    void setUp() throws IOException {
        Path media = Files.createDirectories(temp.resolve("media"));
        work = Files.createDirectories(temp.resolve("work"));
        store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        Path wav = ToneFile.wav(media.resolve("song.wav"), 16, false, 48000, 1, 440, 660);
        song = new AudioImporter(store, MediaFolders.of(media), 48000, Ffmpeg.onPath("")).importFile(wav, Progress.NONE).pcmAsset();
    }

    private CommandStemExtractor separator(String script, Map<String, String> files, Duration timeout) throws IOException {
        Path sh = Files.writeString(temp.resolve("separate.sh"), "#!/bin/sh\n" + script + "\n");
        CommandStemExtractor.Config config = new CommandStemExtractor.Config("test-sep", "1",
                List.of("/bin/sh", sh.toString(), "{input}", "{outdir}"), files, timeout);
        return new CommandStemExtractor(store, Ffmpeg.onPath(""), config, work);
    }

    private CommandStemExtractor separator(String script) throws IOException {
        return separator(script, CommandStemExtractor.Config.DEFAULT_STEM_FILES, Duration.ofSeconds(30));
    }

    private Map<String, AssetId> extract(CommandStemExtractor extractor) {
        return extractor.extract(StemSource.of(song, store), Progress.NONE);
    }

    @Test
    void theSeparatorsWavFilesComeBackAsPcmBlobsIdenticalToWhatItWrote() throws IOException {
        List<Double> progress = new ArrayList<>();
        CommandStemExtractor extractor = separator("cp \"$1\" \"$2/vocals.wav\" && cp \"$1\" \"$2/instruments.wav\"");
        Map<String, AssetId> stems = extractor.extract(StemSource.of(song, store), progress::add);
        assertEquals(Map.of("vocals", song.id(), "instruments", song.id()), stems,
                "a float WAV round trip must give back the very same PCM");
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertWorkFolderEmpty();
    }

    @Test
    void stemsNestedInSubfoldersAndRenamedAreFound() throws IOException {
        CommandStemExtractor extractor = separator(
                "mkdir -p \"$2/htdemucs/input\" && cp \"$1\" \"$2/htdemucs/input/vocals.wav\" && cp \"$1\" \"$2/htdemucs/input/no_vocals.wav\"",
                Map.of("vocals", "vocals.wav", "instruments", "no_vocals.wav"), Duration.ofSeconds(30));
        Map<String, AssetId> stems = extract(extractor);
        assertEquals(song.id(), stems.get("instruments"));
        assertWorkFolderEmpty();
    }

    @Test
    void aFailingSeparatorReportsItsExitCodeAndTheEndOfItsErrorOutput() throws IOException {
        CommandStemExtractor extractor = separator("echo loading model >&2; echo 'RuntimeError: out of memory' >&2; exit 3");
        EncoreException e = assertThrows(EncoreException.class, () -> extract(extractor));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("RuntimeError: out of memory"), e.getMessage());
        assertWorkFolderEmpty();
        assertTrue(store.list().equals(java.util.Set.of(song.id(), originalOf())), "no stem blob stored");
    }

    @Test
    void aSeparatorThatHangsIsStoppedAtItsTimeout() throws IOException {
        CommandStemExtractor extractor = separator("sleep 30", CommandStemExtractor.Config.DEFAULT_STEM_FILES, Duration.ofMillis(300));
        EncoreException e = assertThrows(EncoreException.class, () -> extract(extractor));
        assertEquals(Reason.GENERAL, e.reason());
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertWorkFolderEmpty();
    }

    @Test
    void aSeparatorThatWritesNothingIsReportedByTheMissingFileName() throws IOException {
        CommandStemExtractor extractor = separator("cp \"$1\" \"$2/vocals.wav\"");
        EncoreException e = assertThrows(EncoreException.class, () -> extract(extractor));
        assertTrue(e.getMessage().contains("instruments.wav"), e.getMessage());
        assertWorkFolderEmpty();
        assertEquals(2, store.list().size(), "only the song's original and PCM are stored, no half set of stems");
    }

    @Test
    void aMissingProgramIsReportedByName() {
        CommandStemExtractor.Config config = CommandStemExtractor.Config.of("demucs", "4",
                List.of(temp.resolve("no-such-demucs").toString(), "-o", "{outdir}", "{input}"));
        CommandStemExtractor extractor = new CommandStemExtractor(store, Ffmpeg.onPath(""), config, work);
        EncoreException e = assertThrows(EncoreException.class, () -> extract(extractor));
        assertTrue(e.getMessage().contains("no-such-demucs"), e.getMessage());
        assertWorkFolderEmpty();
    }

    @Test
    void aCommandWithoutPlaceholdersIsRejectedWhenConfigured() {
        EncoreException e = assertThrows(EncoreException.class,
                () -> CommandStemExtractor.Config.of("demucs", "4", List.of("demucs", "song.wav")));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("{input}"));
    }

    @Test
    void stemsAreCutOrPaddedToTheSourceLength() throws IOException {
        // head -c keeps the 58-byte header and only part of the samples: a shorter stem
        CommandStemExtractor extractor = separator("head -c 20058 \"$1\" > \"$2/vocals.wav\" && cp \"$1\" \"$2/instruments.wav\"");
        Map<String, AssetId> stems = extract(extractor);
        assertEquals(song.bytes(), store.length(stems.get("vocals")));
        assertFalse(stems.get("vocals").equals(song.id()));
    }

    @Test
    void stemsAtAnotherRateOrChannelCountAreResampledAndMatchedToTheSource() throws IOException {
        Path monoCd = ToneFile.wav(temp.resolve("vocals-44k.wav"), 16, false, 44100, 1, 550);
        CommandStemExtractor extractor = separator("cp '" + monoCd + "' \"$2/vocals.wav\" && cp \"$1\" \"$2/instruments.wav\"");
        Map<String, AssetId> stems = extract(extractor);
        PcmAsset vocals = new PcmAsset(stems.get("vocals"), 48000, 2, song.frames());
        assertEquals(song.bytes(), store.length(vocals.id()));
        var pcm = vocals.map(store).floats();
        assertEquals(550, ToneFile.frequency(pcm, 2, 0, 48000, 0, 47000), 550 * 0.005);
        assertEquals(550, ToneFile.frequency(pcm, 2, 1, 48000, 0, 47000), 550 * 0.005);
    }

    private AssetId originalOf() {
        return store.list().stream().filter(id -> !id.equals(song.id())).findFirst().orElseThrow();
    }

    private void assertWorkFolderEmpty() {
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "temp folders left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
