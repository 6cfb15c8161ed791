package dev.encore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.CommandRouter;
import dev.encore.control.Commands;
import dev.encore.control.ControlCommand;
import dev.encore.control.Reply;
import dev.encore.control.map.ControlMapReader;
import dev.encore.feedback.Status;
import dev.encore.session.SessionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/protocol.md says what the code does: every address the router accepts has a row with the
 * arguments the router itself names when they are wrong, every error reason has a row with its
 * code and fix, and the version in the title is the one {@code /encore/ping} reports. The router
 * is asked on a real engine; the probes send arguments no command takes, so nothing runs.
 */
class ProtocolDocTest {
    private static final Path PROTOCOL = Path.of("docs/protocol.md");
    private static final String ORIGIN = "osc-udp:127.0.0.1";
    /** Nine booleans: more arguments, of a type, than any command takes. */
    private static final List<Object> NO_COMMAND_TAKES_THESE = Collections.nCopies(9, Boolean.TRUE);
    private static final Pattern USAGE = Pattern.compile("^(/encore/\\S+) takes (.*); got .*", Pattern.DOTALL);

    @TempDir
    Path dir;

    private SessionEngine engine;
    private CommandRouter router;
    private final List<List<Object>> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        engine = SessionEngine.builder(dir.resolve("data")).start();
        router = new CommandRouter(ControlMapReader.defaults(), engine, (origin, address, args) -> {
            List<Object> message = new ArrayList<>(List.of(address));
            message.addAll(args);
            sent.add(message);
            return true;
        });
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void everyCommandTheRouterAcceptsHasARowWithTheArgumentsItTakes() throws Exception {
        Map<String, List<String>> rows = commandRows();
        long liveVersion = engine.live().version();
        List<String> problems = new ArrayList<>();
        for (String name : Commands.NAMES) {
            String address = Commands.PREFIX + name;
            Reply answer = send(address, NO_COMMAND_TAKES_THESE);
            if (!(answer instanceof Reply.Error error) || unknown(error)) {
                problems.add("the router does not take " + address + " as a command: " + answer);
                continue;
            }
            List<String> row = rows.get(address);
            if (row == null) {
                problems.add(address + " has no row in the Commands tables of " + PROTOCOL);
                continue;
            }
            Matcher usage = USAGE.matcher(error.message());
            if (usage.matches()) {
                String takes = usage.group(2).equals("no arguments") ? "none" : usage.group(2);
                if (!takes.equals(row.get(1))) {
                    problems.add(address + " takes " + takes + " (the router says), but " + PROTOCOL + " says " + row.get(1));
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(Commands.NAMES.size() >= 30, "the router's command table was read: " + Commands.NAMES);
        engine.settle().get(10, TimeUnit.SECONDS);
        assertEquals(liveVersion, engine.live().version(), "no probe changed the live state");
        assertEquals(Status.SAVED, engine.status(), "no probe started a save, an open or an import");
    }

    @Test
    void theParameterAddressesTheRouterAcceptsHaveARow() throws Exception {
        Reply answer = send("/encore/param/docs/probe", List.of());
        assertEquals(new Reply.Ok("'/docs/probe' is not set"), answer, "the router reads a parameter that is not set");
        assertTrue(commandRows().containsKey("/encore/param/<path>"), PROTOCOL + " has a row for /encore/param/<path>");
    }

    @Test
    void theProbeTellsAnAddressTheRouterDoesNotKnowFromOneWithWrongArguments() throws Exception {
        Reply unknown = send("/encore/not_a_command", NO_COMMAND_TAKES_THESE);
        assertTrue(unknown instanceof Reply.Error e && unknown(e), "an unknown address is answered as one: " + unknown);
        Reply.Error wrong = assertInstanceOf(Reply.Error.class, send("/encore/move", NO_COMMAND_TAKES_THESE));
        assertEquals(Reason.BAD_ARGUMENTS, wrong.reason());
        Matcher usage = USAGE.matcher(wrong.message());
        assertTrue(usage.matches(), wrong.message());
        assertEquals("i:from i:to", usage.group(2));
    }

    @Test
    void everyErrorReasonHasARowWithItsCodeAndItsFix() throws IOException {
        Map<String, List<String>> byReason = new HashMap<>();
        for (List<String> row : MarkdownTables.rows(MarkdownTables.section(PROTOCOL, "## Error codes"))) {
            byReason.put(row.get(1), row);
        }
        List<String> problems = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            List<String> row = byReason.remove(reason.name());
            if (row == null) {
                problems.add(reason + " (" + reason.code() + ") has no row");
            } else if (!row.get(0).equals(String.valueOf(reason.code()))) {
                problems.add(reason + " is code " + reason.code() + ", the row says " + row.get(0));
            } else if (!row.get(3).equals(reason.fix())) {
                problems.add(reason + "'s fix is \"" + reason.fix() + "\", the row says \"" + row.get(3) + "\"");
            }
        }
        byReason.keySet().forEach(stale -> problems.add("the row for " + stale + " names no Reason"));
        assertEquals(List.of(), problems, PROTOCOL + "'s error table");
    }

    @Test
    void theVersionInTheTitleIsTheOnePingReports() throws Exception {
        String title = Files.readAllLines(PROTOCOL).get(0);
        Matcher version = Pattern.compile("# Encore control protocol, version (\\d+)").matcher(title);
        assertTrue(version.matches(), "the title names the protocol version: " + title);
        assertEquals(Commands.PROTOCOL_VERSION, Integer.parseInt(version.group(1)));

        assertEquals(new Reply.Ok("pong"), send("/encore/ping", List.of()));
        assertEquals(List.of(List.of("/encore/pong", Commands.PROTOCOL_VERSION)), sent);
        assertTrue(MarkdownTables.section(PROTOCOL, "## Version").stream()
                .anyMatch(line -> line.contains("/encore/pong i:" + Commands.PROTOCOL_VERSION)), "the Version section shows the pong");
    }

    private Reply send(String address, List<Object> args) throws Exception {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        router.handle(new ControlCommand(address, args, ORIGIN), answer::complete);
        return answer.get(10, TimeUnit.SECONDS);
    }

    private static boolean unknown(Reply.Error error) {
        return error.message().startsWith("Unknown address");
    }

    /** The rows of the tables under "## Commands", by the address in their first column. */
    private static Map<String, List<String>> commandRows() throws IOException {
        Map<String, List<String>> rows = new HashMap<>();
        for (List<String> row : MarkdownTables.rows(MarkdownTables.section(PROTOCOL, "## Commands"))) {
            rows.put(row.get(0), row);
        }
        return rows;
    }
}
