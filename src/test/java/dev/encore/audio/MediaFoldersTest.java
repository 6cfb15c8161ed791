package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFoldersTest {
    @TempDir
    Path temp;
    Path media;
    Path secret;
    MediaFolders folders;

    @BeforeEach
    void setUp() throws IOException {
        media = Files.createDirectories(temp.resolve("media"));
        secret = Files.writeString(temp.resolve("secret.txt"), "password");
        folders = MediaFolders.of(media);
    }

    private Reason reasonFor(Path p) {
        return assertThrows(EncoreException.class, () -> folders.resolve(p)).reason();
    }

    @Test
    void aFileInsideAMediaFolderResolvesToItsRealPath() throws IOException {
        Path song = Files.writeString(Files.createDirectories(media.resolve("set1")).resolve("song.wav"), "x");
        assertEquals(song.toRealPath(), folders.resolve(song));
    }

    @Test
    void aRelativePathIsTakenFromTheFirstMediaFolder() throws IOException {
        Path song = Files.writeString(media.resolve("song.wav"), "x");
        assertEquals(song.toRealPath(), folders.resolve(Path.of("song.wav")));
    }

    @Test
    void anyOfSeveralFoldersIsAllowed() throws IOException {
        Path other = Files.createDirectories(temp.resolve("usb"));
        Path song = Files.writeString(other.resolve("song.wav"), "x");
        assertEquals(song.toRealPath(), MediaFolders.of(media, other).resolve(song));
    }

    @Test
    void aPathOutsideIsNotAllowed() {
        assertEquals(Reason.PATH_NOT_ALLOWED, reasonFor(secret));
    }

    @Test
    void dotDotCannotClimbOut() {
        assertEquals(Reason.PATH_NOT_ALLOWED, reasonFor(media.resolve("../secret.txt")));
        assertEquals(Reason.PATH_NOT_ALLOWED, reasonFor(Path.of("../secret.txt")));
    }

    @Test
    void aSymbolicLinkInsideThatPointsOutsideIsNotAllowed() throws IOException {
        Path link = Files.createSymbolicLink(media.resolve("innocent.wav"), secret);
        assertEquals(Reason.PATH_NOT_ALLOWED, reasonFor(link));
        Path dirLink = Files.createSymbolicLink(media.resolve("elsewhere"), temp);
        assertEquals(Reason.PATH_NOT_ALLOWED, reasonFor(dirLink.resolve("secret.txt")));
    }

    @Test
    void aMediaFolderReachedThroughALinkStillWorks() throws IOException {
        Path linkToMedia = Files.createSymbolicLink(temp.resolve("media-link"), media);
        Path song = Files.writeString(media.resolve("song.wav"), "x");
        assertEquals(song.toRealPath(), folders.resolve(linkToMedia.resolve("song.wav")));
    }

    @Test
    void aMissingFileInsideIsABadArgumentNamingIt() {
        EncoreException e = assertThrows(EncoreException.class, () -> folders.resolve(media.resolve("nope.wav")));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        assertTrue(e.getMessage().contains("nope.wav"));
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Files.createDirectories(media.resolve("album"));
        assertEquals(Reason.BAD_ARGUMENTS, reasonFor(media.resolve("album")));
    }

    @Test
    void aMissingMediaFolderIsRejectedAtConfiguration() {
        EncoreException e = assertThrows(EncoreException.class, () -> MediaFolders.of(temp.resolve("no-such-dir")));
        assertEquals(Reason.BAD_ARGUMENTS, e.reason());
    }

    @Test
    void theDefaultIsTheUsersHomeFolder() throws IOException {
        assertEquals(Path.of(System.getProperty("user.home")).toRealPath(), MediaFolders.userHome().folders().get(0));
    }
}
