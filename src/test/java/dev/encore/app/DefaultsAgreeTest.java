package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.CommandStemExtractor;
import dev.encore.control.Cidr;
import dev.encore.control.ControlMap;
import dev.encore.control.map.ControlMapReader;
import dev.encore.control.osc.AllowList;
import dev.encore.control.osc.OscConfig;
import dev.encore.session.EngineBuilder;
import dev.encore.session.EngineSettings;
import dev.encore.store.StoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each default is defined once: an engine and OSC server embedded with no map (EngineBuilder's and
 * OscConfig's defaults) behave like the daemon started with the built-in osc-map.yaml, like the
 * daemon with a map that sets nothing, and README states the same values. (That the repository's
 * osc-map.yaml is the built-in one is ControlMapTest's.)
 */
class DefaultsAgreeTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\*\\*)?`([a-z_.]+):?`(\\*\\*)? \\|\\s*`?([^`|]*)`?\\s*\\|");

    @TempDir
    Path dir;

    @Test
    void anEmbeddedEngineAndTheDaemonOnTheBuiltInMapStartWithTheSameDefaults() {
        assertSameAsEmbedded(daemon(ControlMapReader.defaults()), "the built-in osc-map.yaml");
    }

    @Test
    void aMapThatSetsNothingGivesTheDefaultsTheBuiltInMapWritesDown() throws IOException {
        Path empty = Files.writeString(dir.resolve("osc-map.yaml"), "# every key left out\n");
        assertSameAsEmbedded(daemon(ControlMapReader.load(empty)), "an osc-map.yaml that sets nothing");
    }

    @Test
    void readmesMapReferenceStatesTheBuiltInMapsValues() throws IOException {
        JsonNode map;
        try (InputStream in = ControlMap.class.getResourceAsStream(ControlMap.FILE_NAME)) {
            map = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<Executable> checks = new ArrayList<>();
        String section = "";
        for (String line : section(readme(), "### osc-map.yaml reference")) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (m.group(1) != null) {
                section = m.group(2);
                continue;
            }
            JsonNode node = section.isEmpty() ? map : map.path(section);
            for (String part : m.group(2).split("\\.")) {
                node = node.path(part);
            }
            String key = (section.isEmpty() ? "" : section + ".") + m.group(2);
            String stated = m.group(4).trim();
            JsonNode value = node;
            if (value.isValueNode()) {
                checks.add(() -> assertEquals(value.asText(), stated, "README's default of " + key));
            }
        }
        assertTrue(checks.size() >= 20, "README's reference lists the map's keys (" + checks.size() + " values checked)");
        assertAll(checks);
    }

    @Test
    void readmesEngineSettingsTableStatesEngineSettingsDefaults() throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (String line : section(readme(), "### Settings")) {
            Matcher m = Pattern.compile("^\\| `(\\w+)` \\| `?([\\w\\[\\]-]+)`? \\|").matcher(line);
            if (!m.find()) {
                continue;
            }
            RecordComponent component = component(m.group(1));
            Object value = component.getAccessor().invoke(EngineSettings.DEFAULTS);
            String expected = value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') : value.toString();
            checks.add(() -> assertEquals(expected, m.group(2), "README's default of " + m.group(1)));
        }
        assertEquals(EngineSettings.class.getRecordComponents().length, checks.size(), "README lists every engine setting");
        assertAll(checks);
    }

    private DaemonConfig daemon(ControlMap map) {
        return new DaemonConfig(new DaemonOptions(DaemonOptions.Mode.RUN, dir.resolve("data"), null, null, null, List.of()),
                map, "built-in " + ControlMap.FILE_NAME);
    }

    /** The defaults an embedding host gets without any map, against what {@code daemon} runs with. */
    private static void assertSameAsEmbedded(DaemonConfig daemon, String what) {
        AllowList one = AllowList.defaults();
        assertAll(
                () -> assertEquals(EngineSettings.DEFAULTS, daemon.engineSettings(), "engine settings from " + what),
                () -> assertEquals(OscConfig.defaults().withAllow(one), daemon.osc().withAllow(one), "OSC settings from " + what),
                () -> assertEquals(texts(OscConfig.defaults().allow()), texts(daemon.osc().allow()), "allow list from " + what),
                () -> assertEquals(StoreOptions.DEFAULTS, daemon.storeOptions(), "history retention from " + what),
                () -> assertEquals(EngineBuilder.WATCHDOG_MS, daemon.watchdogMs(), "watchdog time from " + what),
                () -> assertEquals(AudioImporter.DEFAULT_SAMPLE_RATE, daemon.sampleRate(), "sample rate from " + what),
                () -> assertEquals(CommandStemExtractor.Config.DEFAULT_TIMEOUT.toSeconds(),
                        daemon.stemTimeout().toSeconds(), "stem command timeout from " + what));
    }

    private static List<String> texts(AllowList allow) {
        return allow.ranges().stream().map(Cidr::text).toList();
    }

    private static RecordComponent component(String name) {
        for (RecordComponent c : EngineSettings.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("README's engine settings name " + name + ", which EngineSettings does not have");
    }

    private static List<String> readme() throws IOException {
        return Files.readAllLines(Path.of("README.md"));
    }

    /** The lines of the README section under {@code heading}, up to the next heading. */
    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "README has the section " + heading);
        List<String> out = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            out.add(lines.get(i));
        }
        return out;
    }
}
