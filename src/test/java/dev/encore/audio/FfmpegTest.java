package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {
    @TempDir
    Path temp;

    @Test
    void anEmptyPathHasNoFfmpeg() {
        assertFalse(Ffmpeg.onPath("").isAvailable());
        assertFalse(Ffmpeg.onPath(null).isAvailable());
    }

    @Test
    void anExecutableFfmpegInAnyPathFolderIsFound() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path program = Files.writeString(bin.resolve("ffmpeg"), "#!/bin/sh\n");
        assertTrue(program.toFile().setExecutable(true));
        Ffmpeg found = Ffmpeg.onPath(empty + File.pathSeparator + bin);
        assertTrue(found.isAvailable());
        assertEquals(program, found.executable().orElseThrow());
        assertTrue(found.probe().isEmpty());
    }

    @Test
    void aFileThatIsNotExecutableDoesNotCount() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path program = Files.writeString(bin.resolve("ffmpeg"), "not a program");
        assertTrue(program.toFile().setExecutable(false));
        assertFalse(Ffmpeg.onPath(bin.toString()).isAvailable());
    }
}
