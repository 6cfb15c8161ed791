package dev.encore.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
    @TempDir
    Path dir;

    /** The unit as systemd reads it: section -> key -> values (a key may repeat). */
    private static Map<String, Map<String, List<String>>> parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                assertTrue(line.endsWith("]"), line);
                current = new LinkedHashMap<>();
                assertNull(sections.put(line.substring(1, line.length() - 1), current), "section twice: " + line);
                continue;
            }
            assertTrue(current != null, "key before any section: " + line);
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "not key=value: " + line);
            current.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return sections;
    }

    /** ExecStart split into words the way systemd does for double-quoted words with backslash escapes. */
    private static List<String> words(String exec) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < exec.length()) {
            if (exec.charAt(i) == ' ') {
                i++;
                continue;
            }
            assertEquals('"', exec.charAt(i), "every word is quoted: " + exec);
            StringBuilder word = new StringBuilder();
            i++;
            while (exec.charAt(i) != '"') {
                char c = exec.charAt(i);
                if (c == '\\') {
                    i++;
                    c = exec.charAt(i);
                } else if ((c == '%' || c == '$') && exec.charAt(i + 1) == c) {
                    i++;
                }
                word.append(c);
                i++;
            }
            words.add(word.toString());
            i++;
        }
        return words;
    }

    private static String one(Map<String, Map<String, List<String>>> unit, String section, String key) {
        List<String> values = unit.get(section).get(key);
        assertTrue(values != null && values.size() == 1, section + "/" + key + " once: " + values);
        return values.get(0);
    }

    @Test
    void userUnitRunsThisJavaAndJarOnTheAbsoluteDataFolderAndMap() {
        Launch launch = new Launch(Path.of("/usr/lib/jvm/17/bin/java"), Path.of("/opt/encore/lib/encore.jar"),
                Path.of("/home/me/show"), Path.of("/home/me/osc-map.yaml"));
        Map<String, Map<String, List<String>>> unit = parse(SystemdUnit.text(launch, null, true));

        assertEquals(List.of("Unit", "Service", "Install"), List.copyOf(unit.keySet()));
        assertEquals(List.of("/usr/lib/jvm/17/bin/java", "-jar", "/opt/encore/lib/encore.jar", "--data", "/home/me/show",
                "--map", "/home/me/osc-map.yaml"), words(one(unit, "Service", "ExecStart")));
        assertEquals("on-failure", one(unit, "Service", "Restart"));
        assertEquals("SIGTERM", one(unit, "Service", "KillSignal"));
        assertEquals("30", one(unit, "Service", "TimeoutStopSec"));
        assertEquals("journal", one(unit, "Service", "StandardOutput"));
        assertEquals("journal", one(unit, "Service", "StandardError"));
        assertEquals(String.valueOf(SystemdUnit.START_LIMIT_INTERVAL_S), one(unit, "Unit", "StartLimitIntervalSec"));
        assertEquals(String.valueOf(SystemdUnit.START_LIMIT_BURST), one(unit, "Unit", "StartLimitBurst"));
        assertFalse(unit.get("Service").containsKey("StartLimitBurst"), "the start limit belongs in [Unit]");
        assertFalse(unit.get("Service").containsKey("User"), "a user unit runs as its user");
        assertEquals("default.target", one(unit, "Install", "WantedBy"));
    }

    /** Installed through bin/encore: the unit starts the launcher (and its start-up archive), pinned to this jar and Java. */
    @Test
    void throughTheLauncherTheUnitRunsItWithThisJarAndJavaInItsEnvironment() {
        Launch launch = new Launch(Path.of("/usr/lib/jvm/17/bin/java"), Path.of("/opt/My Show/100% $set/encore.jar"),
                Path.of("/home/me/show"), null, Path.of("/opt/My Show/100% $set/bin/encore"));
        Map<String, Map<String, List<String>>> unit = parse(SystemdUnit.text(launch, null, true));

        assertEquals(List.of("/opt/My Show/100% $set/bin/encore", "--data", "/home/me/show"), words(one(unit, "Service", "ExecStart")));
        List<String> env = unit.get("Service").get("Environment").stream().map(SystemdUnitTest::assigned).toList();
        assertEquals(List.of("ENCORE_JAR=/opt/My Show/100% $set/encore.jar", "JAVA_HOME=/usr/lib/jvm/17"), env);
        assertEquals(Map.of(), new Launch(Path.of("/usr/bin/java"), Path.of("/opt/encore.jar"), Path.of("/srv"), null).environment(),
                "java -jar needs nothing in the environment");
    }

    /** An Environment= value as systemd reads it: one quoted assignment, backslash escapes, %% for %, $ as it is. */
    private static String assigned(String value) {
        assertTrue(value.startsWith("\"") && value.endsWith("\""), value);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                c = value.charAt(++i);
            } else if (c == '%') {
                assertEquals('%', value.charAt(++i), "a lone % would be a specifier: " + value);
            }
            out.append(c);
        }
        return out.toString();
    }

    @Test
    void systemUnitRunsAsTheAccountAndStartsInMultiUser() {
        Launch launch = new Launch(Path.of("/usr/bin/java"), Path.of("/opt/encore/lib/encore.jar"), Path.of("/srv/show"), null);
        Map<String, Map<String, List<String>>> unit = parse(SystemdUnit.text(launch, "performer", false));

        assertEquals("performer", one(unit, "Service", "User"));
        assertEquals("multi-user.target", one(unit, "Install", "WantedBy"));
        assertEquals(List.of("/usr/bin/java", "-jar", "/opt/encore/lib/encore.jar", "--data", "/srv/show"),
                words(one(unit, "Service", "ExecStart")), "no --map: the built-in map");
    }

    @Test
    void pathsWithSpacesQuotesPercentAndDollarStayOneWordEach() {
        Launch launch = new Launch(Path.of("/usr/bin/java"), Path.of("/Volumes/My Show/encore.jar"),
                Path.of("/Volumes/My Show/100% \"live\" $set"), null);
        List<String> exec = words(one(parse(SystemdUnit.text(launch, null, true)), "Service", "ExecStart"));

        assertEquals("/Volumes/My Show/encore.jar", exec.get(2));
        assertEquals("/Volumes/My Show/100% \"live\" $set", exec.get(4));
    }

    @Test
    void relativePathsBecomeAbsolute() {
        Launch launch = new Launch(Path.of("java"), Path.of("target/encore.jar"), Path.of("encore-data"), Path.of("osc-map.yaml"));
        for (String word : List.of(launch.arguments().get(0), launch.arguments().get(2), launch.arguments().get(4),
                launch.arguments().get(6))) {
            assertTrue(Path.of(word).isAbsolute(), word);
        }
    }

    @Test
    void userUnitsGoWhereSystemdLooksHonouringXdgConfigHome() {
        assertEquals(Path.of("/cfg/systemd/user"), Systemd.defaultUnitDir(true, Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/me"));
        assertEquals(Path.of("/home/me/.config/systemd/user"), Systemd.defaultUnitDir(true, Map.of(), "/home/me"));
        assertEquals(Path.of("/etc/systemd/system"), Systemd.defaultUnitDir(false, Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/me"));
    }

    @Test
    void enablingRunsDaemonReloadThenEnableNowAndRestartsAReplacedUnit() {
        Systemd user = new Systemd(true, dir, null);
        assertEquals(List.of("systemctl --user daemon-reload", "systemctl --user enable --now encore.service"),
                user.enable(false).stream().map(Step::shown).toList());
        assertEquals("systemctl --user restart encore.service", user.enable(true).get(2).shown());
        assertEquals(List.of("systemctl disable --now encore.service"),
                new Systemd(false, dir, "me").disable().stream().map(Step::shown).toList());
    }

    /** systemd's own checker finds nothing to say about the unit; it runs where systemd-analyze is installed. */
    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Step.onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Path jar = Files.createFile(dir.resolve("encore.jar"));
        Path java = ProcessHandle.current().info().command().map(Path::of).orElseThrow();
        Path unit = dir.resolve(SystemdUnit.FILE_NAME);
        Files.writeString(unit, SystemdUnit.text(new Launch(java, jar, dir.resolve("my show"), null), null, true),
                StandardCharsets.UTF_8);

        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        ProcessBuilder verify = new ProcessBuilder("systemd-analyze", "--user", "verify", unit.toString()).redirectErrorStream(true);
        verify.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = verify.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertFalse(output.contains(SystemdUnit.FILE_NAME), "systemd-analyze warned about the unit:\n" + output);
    }

    /** The check above can fail: the same checker objects to a unit whose program is missing. */
    @Test
    void systemdAnalyzeVerifyRejectsAUnitWhoseProgramIsMissing() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Step.onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Path unit = dir.resolve(SystemdUnit.FILE_NAME);
        Files.writeString(unit, SystemdUnit.text(new Launch(dir.resolve("no-java"), dir.resolve("encore.jar"), dir, null), null, true),
                StandardCharsets.UTF_8);
        ProcessBuilder verify = new ProcessBuilder("systemd-analyze", "--user", "verify", unit.toString()).redirectErrorStream(true);
        verify.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(dir.resolve("runtime")).toString());
        Process p = verify.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0 || output.contains("no-java"), output);
    }
}
