package dev.encore.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two mirror keys made once per test JVM for the tests that only use keys (keytool takes most of a
 * second per key): the show's key and another one. Their folder is removed when the JVM exits.
 */
final class TestKeys {
    private static MirrorKey show;
    private static MirrorKey another;

    private TestKeys() {
    }

    static synchronized MirrorKey show() {
        make();
        return show;
    }

    static synchronized MirrorKey another() {
        make();
        return another;
    }

    private static void make() {
        if (show != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("encore-test-keys");
            dir.toFile().deleteOnExit(); // registered first, so deleted after the files in it
            show = MirrorKey.create(dir.resolve("show.p12"));
            another = MirrorKey.create(dir.resolve("another.p12"));
            show.file().toFile().deleteOnExit();
            another.file().toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
