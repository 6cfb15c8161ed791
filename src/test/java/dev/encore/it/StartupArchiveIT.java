package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/encore}'s start-up archive (class-data sharing): made once per jar and Java before the
 * first start, mapped by every later start, made again when the jar is rebuilt or the archive is
 * damaged, and never in the way: a start whose archive the JVM refuses still runs. "Mapped" is read
 * from the running JVM's {@code /proc/PID/maps}, so these checks run where there is a /proc.
 */
class StartupArchiveIT {
    private static final String PREPARING = "preparing a quicker start";
    private static final String RUNNING = "Encore is running";

    @TempDir
    Path dir;
    private Path cache;
    private Path jar;

    @BeforeEach
    void copyTheJar() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to see what the JVM mapped");
        cache = dir.resolve("cache");
        // A copy, so that a test can make "the jar" newer without touching the build's.
        jar = Files.copy(EncoreJar.jar(), dir.resolve("encore.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void theFirstStartMakesTheArchiveLaterStartsMapItAndARebuiltJarGetsANewOne() throws Exception {
        Started first = start("first");
        assertTrue(first.output.contains(PREPARING), first.output);
        Path archive = onlyArchive();
        assertTrue(first.mapped.contains(archive.toString()), "the first start maps the new archive: " + first.mapped);
        FileTime made = Files.getLastModifiedTime(archive);

        Started second = start("second");
        assertFalse(second.output.contains(PREPARING), second.output);
        assertTrue(second.mapped.contains(archive.toString()), second.mapped);
        assertEquals(made, Files.getLastModifiedTime(archive), "the archive is reused, not made again");
        assertFalse(second.output.contains("[warning]"), "the JVM has nothing to complain about: " + second.output);

        // The jar rebuilt after the archive was made: the archive is now the older of the two.
        archive.toFile().setWritable(true);
        Files.setLastModifiedTime(archive, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));
        Started rebuilt = start("rebuilt");
        assertTrue(rebuilt.output.contains(PREPARING), rebuilt.output);
        assertEquals(archive, onlyArchive(), "the new archive replaces the old one");
        assertTrue(rebuilt.mapped.contains(archive.toString()), rebuilt.mapped);
        assertFalse(rebuilt.output.contains("[warning]"), rebuilt.output);
    }

    /**
     * A cut-short archive would crash the JVM that maps it (JDK 17 does not check its length), so the
     * launcher checks the length it recorded and makes the archive again; one of the right length but
     * damaged inside is refused by the JVM, and the daemon starts without it.
     */
    @Test
    void aTruncatedArchiveIsMadeAgainAndADamagedOneIsRefusedWithTheDaemonStillStarting() throws Exception {
        start("first");
        Path archive = onlyArchive();
        long length = Files.size(archive);
        truncate(archive, length / 2);

        Started again = start("after truncation");
        assertTrue(again.output.contains(PREPARING), again.output);
        long remade = Files.size(archive);
        assertTrue(remade > length / 2, "made whole again, not the cut-short one: " + remade + " bytes");
        assertEquals(Long.toString(remade), recordedLength(archive), "its length recorded beside it");
        assertTrue(again.mapped.contains(archive.toString()), again.mapped);

        archive.toFile().setWritable(true);
        Files.write(archive, new byte[(int) remade]);
        Started damaged = start("damaged");
        assertFalse(damaged.output.contains(PREPARING), "same length, so only the JVM can tell: " + damaged.output);
        assertFalse(damaged.mapped.contains(archive.toString()), damaged.mapped);
        assertFalse(damaged.output.contains("[warning]"), "the refusal is silent: " + damaged.output);
    }

    @Test
    void encoreCacheOffStartsWithoutAnArchive() throws Exception {
        Started off = start("off", Map.of("ENCORE_CACHE", "off"));
        assertFalse(off.output.contains(PREPARING), off.output);
        assertFalse(off.mapped.contains(dir.toString()), "no archive of this test mapped: " + off.mapped);
        assertFalse(Files.exists(cache));
    }

    /** What a started daemon printed until it ran, and the archive files its JVM had mapped then. */
    private record Started(String output, String mapped) {
    }

    private Started start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** Starts the daemon through the launcher, waits until it runs, reads its maps, stops it with SIGTERM. */
    private Started start(String name, Map<String, String> extraEnv) throws Exception {
        Path output = dir.resolve(name.replace(' ', '-') + ".txt");
        Map<String, String> env = new java.util.HashMap<>(Map.of("ENCORE_CACHE", cache.toString(), "ENCORE_JAR", jar.toString()));
        env.putAll(extraEnv);
        Process daemon = Launcher.launch(Launcher.script(), dir, output, env,
                List.of("--data", dir.resolve("show").toString(), "--osc-port", "0"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && daemon.isAlive() && !Files.readString(output).contains(RUNNING)) {
                Thread.sleep(20);
            }
            String printed = Files.readString(output);
            assertTrue(printed.contains(RUNNING), name + " start: " + printed);
            String mapped;
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(daemon.pid()), "maps"))) {
                mapped = String.join("\n", lines.filter(l -> l.endsWith(".jsa")).distinct().toList());
            }
            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), name + ": no exit after SIGTERM");
            return new Started(printed, mapped);
        } finally {
            daemon.destroyForcibly();
        }
    }

    private Path onlyArchive() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), "one archive in " + cache + ": " + archives);
            return archives.get(0);
        }
    }

    /** What the launcher wrote in FILE.size beside FILE.jsa. */
    private static String recordedLength(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        return Files.readString(archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + ".size")).trim();
    }

    private static void truncate(Path file, long length) throws IOException {
        file.toFile().setWritable(true);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }
}
