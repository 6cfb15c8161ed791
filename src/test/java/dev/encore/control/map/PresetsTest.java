package dev.encore.control.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.control.Commands;
import dev.encore.control.ControlCommand;
import dev.encore.control.ControlMap;
import dev.encore.control.FeedbackTrigger;
import dev.encore.control.MirrorLeds;
import dev.encore.control.FeedbackLine;
import dev.encore.control.MidiController;
import dev.encore.control.StatusLeds;
import dev.encore.control.map.ControlMapReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PresetsTest {
    private static final Path PRESETS = Path.of("presets");

    private static List<Path> yamlPresets() throws IOException {
        try (Stream<Path> files = Files.list(PRESETS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyYamlPresetValidatesOnItsOwn() throws IOException {
        List<Path> presets = yamlPresets();
        assertEquals(5, presets.size(), presets.toString());
        for (Path preset : presets) {
            ControlMapReader.Outcome outcome = ControlMapReader.read(preset);
            assertEquals(List.of(), outcome.problems(), preset.toString());
        }
    }

    @Test
    void noPresetBindsTheSustainPedalSoAKeyboardOnTheSamePortCannotSkipSongs() throws IOException {
        for (Path preset : yamlPresets()) {
            for (MidiController controller : ControlMapReader.read(preset).map().midi().controllers()) {
                assertTrue(controller.bindings().stream().noneMatch(b -> Integer.valueOf(64).equals(b.cc())),
                        preset + " binds CC 64: " + controller.bindings());
            }
        }
    }

    @Test
    void allPresetsCanBeIncludedTogetherFromAMap(@TempDir Path show) throws IOException {
        Files.createDirectories(show.resolve("presets"));
        StringBuilder map = new StringBuilder("include:\n");
        for (Path preset : yamlPresets()) {
            Files.copy(preset, show.resolve("presets").resolve(preset.getFileName()));
            map.append("  - presets/").append(preset.getFileName()).append('\n');
        }
        Files.writeString(show.resolve("osc-map.yaml"), map.toString());
        ControlMap loaded = ControlMapReader.load(show.resolve("osc-map.yaml"));
        assertEquals(List.of("APC mini mk2", "foot controller", "Launchpad Mini MK3", "nanoKONTROL2"),
                loaded.midi().controllers().stream().map(MidiController::name).toList());
        assertEquals("/encore/save", loaded.canonicalAddress("/1/save"));
    }

    @Test
    void anIncludedPresetMayNotChangeTheMainSettings(@TempDir Path show) throws IOException {
        Files.writeString(show.resolve("pads.yaml"), "osc:\n  port: 9999\nmidi:\n  long_press_ms: 900\n");
        Files.writeString(show.resolve("osc-map.yaml"), "include: [pads.yaml, missing.yaml]\n");
        List<ControlMapProblem> problems = ControlMapReader.read(show.resolve("osc-map.yaml")).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertEquals("pads.yaml", problems.get(0).file());
        assertEquals(1, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("move 'osc' into the main osc-map.yaml"));
        assertEquals(4, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("move 'midi.long_press_ms' into the main osc-map.yaml"));
        assertEquals("osc-map.yaml", problems.get(2).file());
        assertTrue(problems.get(2).message().contains("included file 'missing.yaml' not found"));
    }

    @Test
    void everyControllerWithAnOutputLightsEveryStatus() throws IOException {
        for (Path preset : yamlPresets()) {
            for (MidiController controller : ControlMapReader.read(preset).map().midi().controllers()) {
                if (!controller.output().isEmpty()) {
                    for (String state : StatusLeds.STATES) {
                        assertFalse(controller.leds().status().forState(state).isEmpty(), preset + " " + state);
                    }
                }
            }
        }
    }

    @Test
    void everyControllerWithAnOutputLightsEveryMirrorStateAndCanTakeOver() throws IOException {
        int lit = 0;
        for (Path preset : yamlPresets()) {
            for (MidiController controller : ControlMapReader.read(preset).map().midi().controllers()) {
                if (!controller.output().isEmpty()) {
                    for (String state : MirrorLeds.STATES) {
                        assertFalse(controller.leds().mirror().forState(state).isEmpty(), preset + " " + state);
                    }
                    assertTrue(controller.bindings().stream().anyMatch(b -> b.command().equals("takeover")), preset + " takes over");
                    lit++;
                }
            }
        }
        assertEquals(3, lit, "the APC mini mk2, Launchpad Mini MK3 and nanoKONTROL2 presets");
    }

    @Test
    void touchOscShowsEveryMirrorStateInItsLabelAndLightsItsLedOnlyWhileMirrored() throws IOException {
        ControlMap map = ControlMapReader.read(PRESETS.resolve("touchosc.yaml")).map();
        for (String state : MirrorLeds.STATES) {
            Map<String, Object> values = Map.of("state", state, "lag_ms", 0);
            List<FeedbackLine> lines = map.feedback().stream().filter(l -> l.appliesTo(FeedbackTrigger.MIRROR, values)).toList();
            assertEquals(List.of("/1/mirror", "/1/led_mirror"), lines.stream().map(FeedbackLine::address).toList(), state);
            assertEquals(state.equals("mirrored") ? "[1.0]" : "[0.0]", lines.get(1).args().toString(), state);
        }
    }

    @Test
    void launchpadIsPutIntoProgrammerModeWhenAttached() throws IOException {
        MidiController launchpad = ControlMapReader.read(PRESETS.resolve("launchpad-mini-mk3.yaml")).map()
                .midi().controllers().get(0);
        assertEquals(List.of("F0 00 20 29 02 0D 0E 01 F7"), launchpad.initSysex());
    }

    @Test
    void maxPatchButtonsSendDocumentedCommandsToPort8000AndShowTheState() throws IOException {
        JsonNode patcher = new ObjectMapper().readTree(PRESETS.resolve("encore.maxpat").toFile()).get("patcher");
        Map<String, JsonNode> boxes = new HashMap<>();
        patcher.get("boxes").forEach(b -> boxes.put(b.get("box").get("id").asText(), b.get("box")));
        String send = idOf(boxes, "udpsend");
        assertTrue(boxes.get(send).get("text").asText().endsWith(" 8000"));
        Set<String> sent = new HashSet<>();
        Map<String, List<String>> fromTo = new HashMap<>();
        for (JsonNode line : patcher.get("lines")) {
            String source = line.get("patchline").get("source").get(0).asText();
            String destination = line.get("patchline").get("destination").get(0).asText();
            assertNotNull(boxes.get(source), source);
            assertNotNull(boxes.get(destination), destination);
            fromTo.computeIfAbsent(source, s -> new ArrayList<>()).add(destination);
            if (destination.equals(send)) {
                String text = boxes.get(source).get("text").asText();
                String address = text.split(" ")[0];
                assertTrue(address.startsWith(Commands.PREFIX), text);
                String command = address.substring(Commands.PREFIX.length());
                assertTrue(Commands.NAMES.contains(command), text);
                sent.add(command);
            }
        }
        assertTrue(sent.containsAll(List.of("save", "save_copy", "next", "prev", "open", "sync")), sent.toString());
        String receive = idOf(boxes, "udpreceive");
        assertEquals("udpreceive 9000", boxes.get(receive).get("text").asText());
        String route = fromTo.get(receive).get(0);
        String routeText = boxes.get(route).get("text").asText();
        for (String push : List.of("/encore/status", "/encore/session", "/encore/dirty")) {
            assertTrue(routeText.contains(push), routeText);
        }
    }

    @Test
    void touchOscLayoutButtonsRunCommandsAndItsDisplaysAreFedByThePreset() throws Exception {
        Map<String, String> controls = touchOscControls();
        ControlMap map = ControlMapReader.read(PRESETS.resolve("touchosc.yaml")).map();
        Set<String> ran = new HashSet<>();
        controls.forEach((address, type) -> {
            if (type.equals("push")) {
                ControlCommand command = map.translate(new ControlCommand(address, List.of(1.0f), "touchosc"));
                assertTrue(command.address().startsWith(Commands.PREFIX), address);
                assertTrue(Commands.NAMES.contains(command.address().substring(Commands.PREFIX.length())), address);
                ran.add(command.address());
            }
        });
        assertTrue(ran.containsAll(List.of("/encore/save", "/encore/save_copy", "/encore/next", "/encore/prev",
                "/encore/open")), ran.toString());
        for (FeedbackLine line : map.feedback()) {
            String type = controls.get(line.address());
            assertTrue("led".equals(type) || "labelh".equals(type), line.address() + " is a display in the layout");
        }
    }

    @Test
    void touchOscButtonReleasesRunNothingAndSongButtonsOpenTheirSong() throws IOException {
        ControlMap map = ControlMapReader.read(PRESETS.resolve("touchosc.yaml")).map();
        assertEquals(null, map.translate(new ControlCommand("/1/save", List.of(0.0f), "touchosc")));
        assertEquals(new ControlCommand("/encore/open", List.of(3), "touchosc"),
                map.translate(new ControlCommand("/1/open", List.of(3.0f), "touchosc")));
        assertEquals(new ControlCommand("/encore/next", List.of(), "touchosc"),
                map.translate(new ControlCommand("/1/next", List.of(1.0f), "touchosc")));
    }

    /** Address -> control type of every control in encore.touchosc (TouchOSC Mk1: base64 names and addresses). */
    private static Map<String, String> touchOscControls() throws Exception {
        Map<String, String> controls = new HashMap<>();
        try (ZipFile zip = new ZipFile(PRESETS.resolve("encore.touchosc").toFile());
                InputStream in = zip.getInputStream(zip.getEntry("index.xml"))) {
            Element layout = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            assertEquals("layout", layout.getTagName());
            Element page = (Element) layout.getElementsByTagName("tabpage").item(0);
            String pageName = decode(page.getAttribute("name"));
            NodeList nodes = page.getElementsByTagName("control");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element control = (Element) nodes.item(i);
                String custom = control.getAttribute("osc_cs");
                String address = custom.isEmpty() ? "/" + pageName + "/" + decode(control.getAttribute("name")) : decode(custom);
                controls.put(address, control.getAttribute("type"));
            }
        }
        return controls;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String idOf(Map<String, JsonNode> boxes, String objectName) {
        return boxes.entrySet().stream()
                .filter(e -> e.getValue().path("text").asText().startsWith(objectName + " "))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no " + objectName));
    }
}
