package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/encore}: finds the jar and Java, passes every argument through, and becomes the JVM so signals reach it. */
class LauncherIT {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final Pattern RUNNING = Pattern.compile("Encore is running\\. OSC on \\S+ port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void helpThroughTheLauncherListsTheCommandsAndExitsZero() throws Exception {
        EncoreJar.Finished help = Launcher.run(Launcher.script(), dir, dir.resolve("help.txt"), Map.of(), RUN, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.output().contains("Usage: encore"), help.toString());
        assertTrue(help.output().contains("service"), help.toString());
    }

    @Test
    void argumentsPassThroughUnchangedIncludingSpacesAndAWrongOne() throws Exception {
        EncoreJar.Finished missing = Launcher.run(Launcher.script(), dir, dir.resolve("list.txt"), Map.of(), RUN,
                "list", "--data", dir.resolve("no such folder").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.output().contains("There is no data folder at " + dir.resolve("no such folder")), missing.toString());

        EncoreJar.Finished wrong = Launcher.run(Launcher.script(), dir, dir.resolve("wrong.txt"), Map.of(), RUN, "lisst");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.output().contains("Did you mean 'list'?"), wrong.toString());
    }

    /**
     * The launcher execs Java: the child's pid is the JVM's, SIGTERM to it runs Encore's shutdown hook
     * (the store is closed, "Encore stopped;" printed), and the folder then lists as the daemon left it.
     */
    @Test
    void sigtermToTheLauncherReachesTheShutdownHook() throws Exception {
        Path data = dir.resolve("show");
        Path output = dir.resolve("daemon.txt");
        Process daemon = Launcher.launch(Launcher.script(), dir, output, Map.of(),
                List.of("--data", data.toString(), "--osc-port", "0"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Matcher running = RUNNING.matcher("");
            while (System.nanoTime() < deadline && daemon.isAlive() && !running.reset(Files.readString(output)).find()) {
                Thread.sleep(20);
            }
            assertTrue(running.reset(Files.readString(output)).find(), Files.readString(output));
            String command = ProcessHandle.of(daemon.pid()).flatMap(h -> h.info().command()).orElse("");
            assertTrue(command.endsWith("/java"), "the launcher's pid should be the JVM, is " + command);

            daemon.destroy();
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM:\n" + Files.readString(output));
            assertTrue(Files.readString(output).contains(DaemonProcess.STOPPED), Files.readString(output));
        } finally {
            daemon.destroyForcibly();
        }
        EncoreJar.Finished list = Launcher.run(Launcher.script(), dir, dir.resolve("list.txt"), Map.of(), RUN,
                "list", "--data", data.toString());
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.output().contains("No sessions in " + data), list.toString());
    }

    @Test
    void aLauncherWithoutAJarBesideItSaysHowToBuildOne() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("encore/bin"));
        Path script = Files.copy(Launcher.script(), bin.resolve("encore"), StandardCopyOption.COPY_ATTRIBUTES);
        EncoreJar.Finished run = Launcher.run(script, dir, dir.resolve("out.txt"), Map.of(), RUN, "--version");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.output().contains("encore.jar is not built yet"), run.toString());
        assertTrue(run.output().contains("mvn -B -q -DskipTests package"), run.toString());
        assertTrue(run.output().contains(dir.resolve("encore/target/encore.jar").toString()), "names where it looked: " + run);
    }

    @Test
    void anInstalledLayoutReachedThroughASymlinkFindsLibEncoreJar() throws Exception {
        Path home = dir.resolve("opt/encore");
        Path script = Files.copy(Launcher.script(), Files.createDirectories(home.resolve("bin")).resolve("encore"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(Files.createDirectories(home.resolve("lib")).resolve("encore.jar"), EncoreJar.jar().toAbsolutePath());
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("local/bin")).resolve("encore"), script);

        EncoreJar.Finished run = Launcher.run(link, dir, dir.resolve("out.txt"), Map.of(), RUN, "--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.output().startsWith("Encore "), run.toString());
    }

    @Test
    void encoreJarThatIsNotAFileIsNamed() throws Exception {
        EncoreJar.Finished run = Launcher.run(Launcher.script(), dir, dir.resolve("out.txt"),
                Map.of("ENCORE_JAR", dir.resolve("gone.jar").toString()), RUN, "--version");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.output().contains("ENCORE_JAR is set to " + dir.resolve("gone.jar")), run.toString());
    }

    @Test
    void javaHomeWithoutJavaAndAJavaOlderThan17AreRefusedWithTheFix() throws Exception {
        EncoreJar.Finished empty = Launcher.run(Launcher.script(), dir, dir.resolve("empty.txt"),
                Map.of("JAVA_HOME", dir.toString()), RUN, "--version");
        assertEquals(1, empty.exitCode(), empty.toString());
        assertTrue(empty.output().contains("JAVA_HOME is set to " + dir + ", but " + dir.resolve("bin/java") + " is not there"), empty.toString());

        Path old = Files.createDirectories(dir.resolve("jdk8/bin")).resolve("java");
        Files.writeString(old, "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\necho 'Java(TM) SE Runtime Environment' >&2\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        EncoreJar.Finished eight = Launcher.run(Launcher.script(), dir, dir.resolve("eight.txt"),
                Map.of("JAVA_HOME", dir.resolve("jdk8").toString()), RUN, "--version");
        assertEquals(1, eight.exitCode(), eight.toString());
        assertTrue(eight.output().contains("is Java 1.8.0_392; Encore needs Java 17 or newer"), eight.toString());
        assertFalse(eight.output().contains("Encore 0."), "the jar must not have run: " + eight);
    }

    /** Checked where ShellCheck is installed: the launcher must stay portable POSIX sh. */
    @Test
    void theLauncherIsShellcheckClean() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed here");
        Process check = new ProcessBuilder("shellcheck", "-s", "sh", Launcher.script().toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    @Test
    void noJavaOnPathIsNamedWithWhatToInstall() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("sed", "cut", "head", "readlink")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(tools.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Map<String, String> env = Map.of("PATH", tools.toString(), "JAVA_HOME", "");
        EncoreJar.Finished run = Launcher.run(Path.of("/bin/sh"), dir, dir.resolve("out.txt"), env, RUN,
                Launcher.script().toString(), "--version");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.output().contains("Java was not found: Encore needs Java 17 or newer"), run.toString());
    }
}
