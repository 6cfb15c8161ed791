package dev.encore.control.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.control.Cidr;
import dev.encore.control.ControlCommand;
import dev.encore.control.ControlMap;
import dev.encore.control.FeedbackLine;
import dev.encore.control.FeedbackTrigger;
import dev.encore.control.OscSettings;
import dev.encore.control.SessionSettings;
import dev.encore.control.StemExtractorKind;
import dev.encore.control.TcpFraming;
import dev.encore.control.map.ControlMapReader;
import dev.encore.session.SwitchPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlMapTest {
    @TempDir
    Path folder;

    @Test
    void defaultMapLoadsWithTheProtocolDefaults() {
        ControlMap map = ControlMapReader.defaults();
        assertEquals(8000, map.osc().port());
        assertEquals(9000, map.osc().replyPort());
        assertEquals(TcpFraming.SLIP, map.osc().tcpFraming());
        assertEquals(SwitchPolicy.KEEP_DRAFT, map.session().switchPolicy());
        assertEquals(48_000, map.audio().sampleRate());
        assertEquals(StemExtractorKind.BUILTIN, map.audio().stems().extractor());
        assertEquals(1, map.midi().controllers().size());
        assertTrue(map.midi().controllers().get(0).programChange());
        assertEquals(1, map.midi().controllers().get(0).inputMatch("Any Foot Switch"));
    }

    @Test
    void repositoryMapAndShippedDefaultAreTheSameBytes() throws IOException {
        byte[] root = Files.readAllBytes(Path.of(ControlMap.FILE_NAME));
        try (InputStream shipped = ControlMap.class.getResourceAsStream(ControlMap.FILE_NAME)) {
            assertArrayEquals(root, shipped.readAllBytes(),
                    "osc-map.yaml and src/main/resources/dev/encore/control/osc-map.yaml must stay identical");
        }
    }

    @Test
    void anEmptyFileMeansEveryDefault() throws IOException {
        ControlMap map = ControlMapReader.load(write("osc-map.yaml", ""));
        assertEquals(8000, map.osc().port());
        assertEquals(List.of(), map.midi().controllers());
    }

    @Test
    void writtenValuesReplaceDefaults() throws IOException {
        ControlMap map = ControlMapReader.load(write("osc-map.yaml", """
                osc:
                  port: 8100
                  tcp_framing: size_prefix
                  allow: 192.168.1.0/24
                session:
                  switch_policy: refuse
                  wrap: true
                audio:
                  stems:
                    extractor: command
                    command: [demucs, -o, "{outdir}", "{input}"]
                """));
        assertEquals(8100, map.osc().port());
        assertEquals(TcpFraming.SIZE_PREFIX, map.osc().tcpFraming());
        assertEquals(List.of("192.168.1.0/24"), map.osc().allow());
        assertEquals(SwitchPolicy.REFUSE, map.session().switchPolicy());
        assertTrue(map.session().wrap());
        assertEquals(List.of("demucs", "-o", "{outdir}", "{input}"), map.audio().stems().command());
    }

    @Test
    void misspelledKeyIsNamedWithItsLineAndTheKeyMeant() {
        List<ControlMapProblem> problems = problems("""
                session:
                  arming_window_ms: 2000
                  swich_policy: save
                """);
        assertEquals(1, problems.size());
        ControlMapProblem problem = problems.get(0);
        assertEquals("osc-map.yaml", problem.file());
        assertEquals(3, problem.line());
        assertEquals(3, problem.column());
        assertTrue(problem.message().contains("unknown key 'swich_policy'"), problem.message());
        assertTrue(problem.message().contains("did you mean 'switch_policy'?"), problem.message());
        assertTrue(problem.toString().startsWith("osc-map.yaml line 3, column 3: unknown key"), problem.toString());
    }

    @Test
    void everyProblemIsReportedAtOnceInOneException() throws IOException {
        Path file = write("osc-map.yaml", """
                osc:
                  prot: 8000
                  reply_port: lots
                session:
                  switch_policy: keep_draft
                """);
        EncoreException e = assertThrows(EncoreException.class, () -> ControlMapReader.load(file));
        assertEquals(Reason.BAD_CONFIG, e.reason());
        assertTrue(e.getMessage().startsWith("osc-map.yaml has 3 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("osc-map.yaml line 2, column 3: unknown key 'prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 3: 'reply_port' must be a whole number, not the text 'lots'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 5, column 3: unknown value 'keep_draft' for 'switch_policy';"
                + " did you mean 'keep-draft'?"), e.getMessage());
    }

    @Test
    void wrongTypesSayWhatToWrite() {
        List<ControlMapProblem> problems = problems("""
                session:
                  wrap: sometimes
                midi:
                  long_press_ms: 0.5
                audio: 48000
                """);
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("'wrap' must be true or false"), problems.get(0).message());
        assertEquals(4, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("'long_press_ms' must be a whole number, not '0.5'"),
                problems.get(1).message());
        assertEquals(5, problems.get(2).line());
        assertTrue(problems.get(2).message().contains("'audio' must be a mapping"), problems.get(2).message());
    }

    @Test
    void yamlSyntaxErrorsCarryTheirLine() {
        List<ControlMapProblem> problems = problems("""
                osc:
                  port: 8000
                 reply_port: [9000
                """);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).line() >= 3, problems.toString());
        assertTrue(problems.get(0).message().startsWith("YAML syntax"), problems.get(0).message());
    }

    @Test
    void aTabIsReportedOnTheLineThatHoldsIt() {
        List<ControlMapProblem> problems = problems("osc:\n\tport: 8000\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line(), problems.toString());
        assertEquals(1, problems.get(0).column(), problems.toString());
        assertTrue(problems.get(0).message().contains("replace the tab with spaces"), problems.get(0).message());
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        List<ControlMapProblem> problems = problems("""
                osc:
                  port: 8000
                  port: 8001
                """);
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("'port' appears twice"), problems.get(0).message());
    }

    @Test
    void historyRetentionIsReadFromTheSessionSectionAndOutOfRangeValuesAreRefused() {
        ControlMap map = ControlMapReader.read("session:\n  keep_revisions: 7\n  deleted_retention_days: 2\n", "osc-map.yaml", folder).map();
        assertEquals(7, map.session().keepRevisions());
        assertEquals(2, map.session().deletedRetentionDays());
        SessionSettings unset = ControlMapReader.read("session:\n  wrap: true\n", "osc-map.yaml", folder).map().session();
        assertNull(unset.keepRevisions(), "left out, the store keeps its own default");
        assertNull(unset.deletedRetentionDays(), "left out, the store keeps its own default");
        List<ControlMapProblem> problems = problems("""
                session:
                  keep_revisions: 0
                  deleted_retention_days: -1
                """);
        assertEquals(List.of(2, 3), problems.stream().map(ControlMapProblem::line).toList(), problems.toString());
        assertTrue(problems.get(0).message().contains("keep_revisions"), problems.get(0).message());
    }

    @Test
    void theWatchdogTimeIsReadFromTheSessionSectionAndZeroOrOneSecondAndMoreAreAccepted() {
        assertEquals(30_000, ControlMapReader.read("session:\n  wrap: true\n", "osc-map.yaml", folder).map().session().watchdogMs());
        assertEquals(5_000, ControlMapReader.read("session:\n  watchdog_ms: 5000\n", "osc-map.yaml", folder).map().session().watchdogMs());
        assertEquals(0, ControlMapReader.read("session:\n  watchdog_ms: 0\n", "osc-map.yaml", folder).map().session().watchdogMs());
        List<ControlMapProblem> problems = problems("""
                osc:
                  port: 8000
                session:
                  watchdog_ms: 500
                """);
        assertEquals(List.of(4), problems.stream().map(ControlMapProblem::line).toList(), problems.toString());
        assertTrue(problems.get(0).message().contains("'watchdog_ms' is 500; write a value from 1000 to 3600000"),
                problems.get(0).message());
        assertTrue(problems.get(0).message().contains("0 to turn the watchdog off"), problems.get(0).message());
        assertEquals(List.of(2), problems("session:\n  watchdog_ms: 3600001\n").stream().map(ControlMapProblem::line).toList());
    }

    @Test
    void badAddressRangesAndPortsAreRefusedWithAnExample() {
        List<ControlMapProblem> problems = problems("""
                osc:
                  port: 70000
                  allow:
                    - 192.168.0.0/16
                    - 192.168.0/16
                    - 10.0.0.0/40
                    - studio-mac.local
                """);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("'port' is 70000; write a value from 0 to 65535"));
        assertEquals(List.of(5, 6, 7), problems.subList(1, 4).stream().map(ControlMapProblem::line).toList());
        assertTrue(problems.get(2).message().contains("prefix '/40' must be a number from 0 to 32"), problems.get(2).message());
        assertTrue(problems.get(3).message().contains("write a range like 192.168.0.0/16"), problems.get(3).message());
    }

    @Test
    void renamedAddressesMustBePlainOscAddressesOfKnownCommands() {
        List<ControlMapProblem> problems = problems("""
                addresses:
                  save: /1/save
                  nxt: /1/next
                  prev: "/1/prev *"
                  open: 1/open
                  delete: /1/save
                """);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("unknown command 'nxt'; did you mean 'next'?"));
        assertEquals(4, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("may not contain spaces or the pattern characters"));
        assertEquals(5, problems.get(2).line());
        assertTrue(problems.get(2).message().contains("starts with '/'"));
        assertEquals(6, problems.get(3).line());
        assertTrue(problems.get(3).message().contains("already the new name of 'save'"));
    }

    @Test
    void aMisspelledCommandWithASlashIsFoundOnItsOwnLine() {
        List<ControlMapProblem> problems = problems("""
                addresses:
                  save: /1/save
                  track/imprt: /1/import
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("did you mean 'track/import'?"), problems.get(0).message());
    }

    @Test
    void renamedAddressesTakeButtonValuesAndPassOtherMessagesUnchanged() throws IOException {
        ControlMap map = ControlMapReader.load(write("osc-map.yaml", "addresses: {next: /pad/next, open: /pad/song}\n"));
        assertEquals(new ControlCommand("/encore/next", List.of(), "osc"),
                map.translate(new ControlCommand("/pad/next", List.of(true), "osc")));
        assertEquals(null, map.translate(new ControlCommand("/pad/next", List.of(false), "osc")));
        assertEquals(null, map.translate(new ControlCommand("/pad/song", List.of(0), "osc")));
        assertEquals(new ControlCommand("/encore/open", List.of(5), "osc", "req:7"),
                map.translate(new ControlCommand("/pad/song", List.of(5.0f), "osc", "req:7")));
        ControlCommand direct = new ControlCommand("/encore/open", List.of("Encore Set"), "osc");
        assertEquals(direct, map.translate(direct));
    }

    @Test
    void renamedAddressesRunTheirCommandAndOldNamesStillWork() throws IOException {
        ControlMap map = ControlMapReader.load(write("osc-map.yaml", """
                addresses:
                  save: /1/save
                  next: [/1/next, /2/next]
                """));
        assertEquals("/encore/save", map.canonicalAddress("/1/save"));
        assertEquals("/encore/next", map.canonicalAddress("/2/next"));
        assertEquals("/encore/save", map.canonicalAddress("/encore/save"));
        assertEquals("/elsewhere", map.canonicalAddress("/elsewhere"));
    }

    @Test
    void feedbackLinesFillPlaceholdersAndFilterByState() throws IOException {
        ControlMap map = ControlMapReader.load(write("osc-map.yaml", """
                feedback:
                  - {event: status, when: saved, address: /1/led_saved, args: [1.0]}
                  - {event: status, when: unsaved, address: /1/led_saved, args: [0.0]}
                  - {event: session, address: /1/label_name, args: ["{name}", "{position}", "{position}/{count}"]}
                """));
        Map<String, Object> savedValues = Map.of("state", "saved", "dirty", 0);
        List<FeedbackLine> saved = map.feedback().stream().filter(line -> line.appliesTo(FeedbackTrigger.STATUS, savedValues)).toList();
        assertEquals(1, saved.size());
        assertEquals("/1/led_saved", saved.get(0).address());
        assertEquals(List.of(1.0f), saved.get(0).render(Map.of("state", "saved")));
        FeedbackLine label = map.feedback().stream().filter(line -> line.appliesTo(FeedbackTrigger.SESSION, Map.of())).findFirst().orElseThrow();
        assertEquals(List.of("Encore Set", 3, "3/12"),
                label.render(Map.of("name", "Encore Set", "position", 3, "count", 12)));
    }

    @Test
    void feedbackLinesWithUnknownPlaceholdersOrBadAddressesAreRefused() {
        List<ControlMapProblem> problems = problems("""
                feedback:
                  - event: session
                    address: /1/label
                    args: ["{title}"]
                  - event: dirty
                    when: saved
                    address: /1/led#
                  - event: stauts
                    address: /1/x
                """);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("unknown placeholder {title} for session events; use {name}, {position}, {count}"),
                problems.get(0).message());
        assertEquals(6, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("'when' cannot filter dirty events"), problems.get(1).message());
        assertEquals(7, problems.get(2).line());
        assertTrue(problems.get(2).message().contains("may not contain spaces or the pattern characters"));
        assertTrue(problems.get(3).message().contains("unknown value 'stauts' for 'event'; did you mean 'status'?"),
                problems.get(3).message());
        assertEquals(8, problems.get(3).line());
    }

    @Test
    void stemCommandMustNameItsInputAndOutput() {
        List<ControlMapProblem> problems = problems("""
                audio:
                  stems:
                    extractor: command
                    command: [demucs, song.wav]
                """);
        assertEquals(1, problems.size());
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("must contain {input} and {outdir}"));
    }

    @Test
    void typedPlaceholdersSendTheTypeTouchOscExpects() {
        FeedbackLine led = new FeedbackLine(FeedbackTrigger.DIRTY, null, "/1/led_dirty", List.of("{dirty:f}", "{dirty:s}"));
        assertEquals(List.of(1.0f, "1"), led.render(Map.of("dirty", 1)));
        FeedbackLine count = new FeedbackLine(FeedbackTrigger.PROGRESS, null, "/1/progress", List.of("{fraction:i}"));
        assertEquals(List.of(1), count.render(Map.of("fraction", 0.6f)));
    }

    @Test
    void emptyListEntriesAreNamed() {
        List<ControlMapProblem> problems = problems("""
                media:
                  - ~/Music
                  -
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("an empty entry in 'media'"), problems.get(0).message());
    }

    @Test
    void theBuiltInMapListensToTheDefaultRangesOnly() {
        assertEquals(OscSettings.DEFAULT_ALLOW, ControlMapReader.defaults().osc().allow());
        assertEquals(OscSettings.DEFAULT_ALLOW, ControlMapReader.read("osc:\n  port: 8100\n", "osc-map.yaml", null).map().osc().allow());
    }

    @Test
    void allowListRangesMatchAddresses() throws Exception {
        Cidr lan = Cidr.parse("192.168.0.0/16");
        assertTrue(lan.contains(InetAddress.getByName("192.168.4.20")));
        assertTrue(!lan.contains(InetAddress.getByName("192.169.0.1")));
        assertTrue(Cidr.parse("::1/128").contains(InetAddress.getByName("::1")));
        assertTrue(!Cidr.parse("172.16.0.0/12").contains(InetAddress.getByName("172.32.0.1")));
    }

    private List<ControlMapProblem> problems(String yaml) {
        return ControlMapReader.read(yaml, "osc-map.yaml", folder).problems();
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
