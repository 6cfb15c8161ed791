package dev.encore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example host in src/examples, compiled here against the built classes and only the
 * dependencies an embedding host gets from Encore's POM (the ones marked optional, which only the
 * daemon needs, left out), then run twice in child JVMs on one data folder: the first run saves a
 * session from a WAV this test writes, the second gets it back in its restore callback.
 */
class ExampleHostTest {
    private static final Path EXAMPLE = Path.of("src/examples/java/example/ExampleHost.java");
    /** Brought only by an optional dependency (jackson-dataformat-yaml), so left out with it. */
    private static final List<String> ONLY_WITH_OPTIONAL = List.of("org/yaml/snakeyaml/");
    /** The test scope's jars, which no host gets either. */
    private static final List<String> TEST_SCOPE = List.of("org/junit/", "org/opentest4j/", "org/apiguardian/",
            "info/picocli/picocli-codegen/", "test-classes");
    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    @Test
    void theExampleHostSavesASessionAndGetsItsParametersPcmAndStemsBackWithoutTheDaemonsDependencies() throws Exception {
        List<String> leftOut = optionalDependencies();
        assertTrue(leftOut.contains("info/picocli/picocli/") && leftOut.contains("com/illposed/osc/javaosc-core/")
                && leftOut.contains("uk/co/xfactory-librarians/coremidi4j/"), "pom.xml marks the daemon's dependencies optional: " + leftOut);
        List<String> hostClasspath = hostClasspath(leftOut);
        Path classes = compileExample(hostClasspath);
        Path media = Files.createDirectories(dir.resolve("media"));
        Path wav = media.resolve("song.wav");
        short[] samples = writeWav(wav);
        Path data = dir.resolve("data");

        String first = run(hostClasspath, classes, data, wav);
        assertTrue(first.contains("import TrackImported[message=Imported 'song.wav' as track 1."), first);
        assertTrue(first.contains("save Done[message=Saved 'Example song'.]"), first);
        Matcher saved = Pattern.compile("saved params (\\{.*})").matcher(first);
        assertTrue(saved.find(), first);
        assertEquals("{/mix/gain=0.8, /scene/title=\"Encore, take 1\"}", saved.group(1),
                "the last values the control thread set");
        assertFalse(first.contains("restored params"), "nothing to restore on the first run:\n" + first);

        String second = run(hostClasspath, classes, data, wav);
        assertTrue(second.contains("restored params " + saved.group(1)), second);
        assertTrue(second.contains("restored track song.wav " + samples.length + " frames x 1 at 48000 Hz"), second);
        assertTrue(second.contains("restored pcm " + samples.length + " samples checksum " + checksum(samples)),
                "the PCM the host read is the WAV's audio\n" + second);
        for (String stem : List.of("instruments", "vocals")) {
            assertTrue(second.contains("restored stem " + stem + " " + samples.length + " samples"), second);
        }
        assertTrue(second.contains("session 'Example song' 1/1"), second);
        assertTrue(second.contains("status SAVED"), second);
    }

    /** The local-repository folders (group/artifact/) of every dependency pom.xml marks optional. */
    private static List<String> optionalDependencies() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        List<String> optional = new ArrayList<>();
        while (dependency.find()) {
            String body = dependency.group(1);
            if (body.contains("<optional>true</optional>")) {
                optional.add(tag(body, "groupId").replace('.', '/') + "/" + tag(body, "artifactId") + "/");
            }
        }
        return optional;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertTrue(m.find(), name + " in " + xml);
        return m.group(1).trim();
    }

    /** This JVM's class path less the test scope, the optional dependencies and what only they bring. */
    private static List<String> hostClasspath(List<String> leftOut) {
        List<String> excluded = new ArrayList<>(leftOut);
        excluded.addAll(ONLY_WITH_OPTIONAL);
        excluded.addAll(TEST_SCOPE);
        List<String> kept = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> excluded.stream().noneMatch(entry.replace(File.separatorChar, '/')::contains))
                .toList();
        assertTrue(kept.stream().anyMatch(e -> e.endsWith("classes")), "the built classes: " + kept);
        assertTrue(kept.stream().anyMatch(e -> e.contains("mapdb")), "the store's dependencies stay: " + kept);
        return kept;
    }

    private Path compileExample(List<String> classpath) throws IOException {
        Path out = Files.createDirectories(dir.resolve("example-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath",
                String.join(File.pathSeparator, classpath), "-d", out.toString());
        try (var files = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(diagnostics, files, null, options, null, files.getJavaFileObjects(EXAMPLE)).call();
            assertTrue(ok, "the example compiles against the host API alone, without warnings:\n" + diagnostics);
        }
        return out;
    }

    private static String run(List<String> classpath, Path classes, Path data, Path wav) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> entries = new ArrayList<>(classpath);
        entries.add(classes.toString());
        Path output = Files.createTempFile(data.getParent(), "example-", ".txt");
        Process host = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, entries), "example.ExampleHost",
                data.toString(), wav.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = host.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            host.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output);
        assertTrue(ended, "the example host did not end:\n" + printed);
        assertEquals(0, host.exitValue(), printed);
        return printed;
    }

    /** Half a second of a chord with a little noise, 16-bit mono at 48 kHz; returns the samples written. */
    private static short[] writeWav(Path file) throws IOException {
        short[] samples = new short[RATE / 2];
        java.util.Random noise = new java.util.Random(15);
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / RATE;
            samples[i] = (short) (4000 * Math.sin(2 * Math.PI * 220 * t) + 3000 * Math.sin(2 * Math.PI * 331 * t)
                    + noise.nextInt(400) - 200);
        }
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            pcm.putShort(s);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return samples;
    }

    /** The example's checksum of 16-bit samples: the sum of {@code (i + 1) * sample}. */
    private static long checksum(short[] samples) {
        long sum = 0;
        for (int i = 0; i < samples.length; i++) {
            sum += (i + 1L) * samples[i];
        }
        return sum;
    }
}
