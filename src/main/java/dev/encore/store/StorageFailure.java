package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Turns the IOExceptions of the file system into typed {@link EncoreException}s, so a full disk,
 * a permission problem or a read-only mount reach the performer as the protocol's storage errors.
 */
final class StorageFailure {
    private StorageFailure() {
    }

    /** @param action what was being done, as a phrase: "writing audio", "saving session 'x'" */
    static EncoreException of(IOException e, String action) {
        String text = String.valueOf(e.getMessage());
        // A read-only mount can also surface as "access denied": the mount is what to fix, not permissions.
        if (text.contains("Read-only file system") || readOnlyMount(e)) {
            return new EncoreException(Reason.STORAGE_READ_ONLY, "Read-only file system while " + action + ".", e);
        }
        if (e instanceof AccessDeniedException || text.contains("Permission denied")) {
            return new EncoreException(Reason.STORAGE_DENIED, "Permission denied while " + action + ": " + text, e);
        }
        if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
            return new EncoreException(Reason.STORAGE_FULL, "The disk is full while " + action + ".", e);
        }
        if (e instanceof NoSuchFileException) {
            return new EncoreException(Reason.STORAGE_FAILURE, "A file or folder vanished while " + action + ": " + text, e);
        }
        String detail = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : text;
        return new EncoreException(Reason.STORAGE_FAILURE, "Storage failure while " + action + ": " + detail, e);
    }

    private static boolean readOnlyMount(IOException e) {
        if (!(e instanceof FileSystemException fse) || fse.getFile() == null) {
            return false;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(fse.getFile());
            while (p != null && !java.nio.file.Files.exists(p)) {
                p = p.getParent();
            }
            return p != null && java.nio.file.Files.getFileStore(p).isReadOnly();
        } catch (IOException | RuntimeException again) {
            return false;
        }
    }

    static EncoreException of(ReadOnlyFileSystemException e, String action) {
        return new EncoreException(Reason.STORAGE_READ_ONLY, "Read-only file system while " + action + ".", e);
    }
}
