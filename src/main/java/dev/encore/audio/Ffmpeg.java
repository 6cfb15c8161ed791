package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the ffmpeg program (and ffprobe beside it) on the PATH. Encore decodes MP3, FLAC and OGG
 * only through an ffmpeg the user installed; it never downloads one.
 */
public final class Ffmpeg {
    private final Optional<Path> ffmpeg;
    private final Optional<Path> ffprobe;

    private Ffmpeg(Optional<Path> ffmpeg, Optional<Path> ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** Looks on this process's PATH. */
    public static Ffmpeg onPath() {
        return onPath(System.getenv("PATH"));
    }

    /** Looks on the given PATH value (folders separated by the platform's path separator). */
    public static Ffmpeg onPath(String pathVariable) {
        return new Ffmpeg(find("ffmpeg", pathVariable), find("ffprobe", pathVariable));
    }

    public Optional<Path> executable() {
        return ffmpeg;
    }

    Optional<Path> probe() {
        return ffprobe;
    }

    public boolean isAvailable() {
        return ffmpeg.isPresent();
    }

    /** The ffmpeg program, or a clear error naming the install step when it is missing. */
    Path require(String fileName) {
        return ffmpeg.orElseThrow(() -> new EncoreException(Reason.UNSUPPORTED_AUDIO,
                "Cannot decode " + fileName + ": MP3, FLAC and OGG need ffmpeg, which is not on the PATH;"
                        + " install ffmpeg (apt install ffmpeg / brew install ffmpeg) and restart Encore, or convert the file to WAV."));
    }

    private static Optional<Path> find(String program, String pathVariable) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, windows ? program + ".exe" : program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
