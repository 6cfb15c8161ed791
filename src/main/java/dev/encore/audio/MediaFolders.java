package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders a controller may import audio from. A remote OSC sender names a path; only files
 * whose real location (after {@code ..} and symbolic links are resolved) lies inside one of these
 * folders are read, so a controller cannot make Encore read the rest of the disk.
 */
public final class MediaFolders {
    private final List<Path> folders;

    private MediaFolders(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The given folders, which must exist; each is kept as its real path. */
    public static MediaFolders of(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "No media folder given: name at least one folder to import audio from.");
        }
        List<Path> real = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                Path r = dir.toAbsolutePath().normalize().toRealPath();
                if (!Files.isDirectory(r)) {
                    throw new EncoreException(Reason.BAD_ARGUMENTS, "Media folder " + dir + " is not a folder.");
                }
                real.add(r);
            } catch (IOException e) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Media folder " + dir + " does not exist or cannot be read.", e);
            }
        }
        return new MediaFolders(real);
    }

    public static MediaFolders of(Path... dirs) {
        return of(List.of(dirs));
    }

    /** The default: the home folder of the user running Encore. */
    public static MediaFolders userHome() {
        return of(Path.of(System.getProperty("user.home")));
    }

    public List<Path> folders() {
        return folders;
    }

    /**
     * The real path of a file a controller named, checked to lie inside a media folder. A relative
     * path is taken from the first media folder.
     *
     * @throws EncoreException PATH_NOT_ALLOWED outside the folders (also through {@code ..} or a
     *     symbolic link), BAD_ARGUMENTS when there is no such file
     */
    public Path resolve(Path requested) {
        Path absolute = (requested.isAbsolute() ? requested : folders.get(0).resolve(requested)).normalize();
        if (!insideAny(absolute) && !insideAny(realParentOrSelf(absolute))) {
            throw notAllowed(requested);
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "No audio file at " + absolute + ".", e);
        }
        if (!insideAny(real)) {
            throw notAllowed(requested);
        }
        if (!Files.isRegularFile(real)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, absolute + " is not a file.");
        }
        return real;
    }

    private boolean insideAny(Path p) {
        for (Path folder : folders) {
            if (p.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    /** The path with its nearest existing ancestor replaced by its real path (folders reached through links). */
    private static Path realParentOrSelf(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private EncoreException notAllowed(Path requested) {
        return new EncoreException(Reason.PATH_NOT_ALLOWED,
                "Path " + requested + " is outside the media folders " + folders + ".");
    }
}
