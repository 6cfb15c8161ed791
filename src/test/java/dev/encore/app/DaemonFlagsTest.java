package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.encore.app.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's flags read without picocli must mean exactly what picocli reads them as, or be left to picocli. */
class DaemonFlagsTest {
    private static final List<List<String>> PLAIN = List.of(
            List.of(),
            List.of("--data", "/srv/show", "--osc-port", "0", "--reply-port", "9000"),
            List.of("--data=/srv/show", "--map=show/osc-map.yaml", "--osc-port=65535", "--reply-port=1"),
            List.of("--media", "/music", "--data", "rel/show", "--media", "/more music", "--map", ""),
            List.of("--role", "primary", "--mirror-bind", "192.168.1.20:7800", "--mirror-peer", "192.168.1.21:7800",
                    "--mirror-peer", "192.168.1.22:7800", "--mirror-group", "tour", "--mirror-advertise", "203.0.113.7:7800",
                    "--mirror-key", "keys/tour.p12"),
            List.of("--role", "sideways"), // picocli takes any text; the daemon's config refuses it with the fix
            List.of("--osc-port", "08000"));

    /** Picocli reads these differently, refuses them, or runs something else: the fast path must not take them. */
    private static final List<List<String>> FOR_PICOCLI = List.of(
            List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"), List.of("list"), List.of("list", "--data", "x"),
            List.of("--check-map"), List.of("--rebuild", "--data", "x"), List.of("--data"), List.of("--data", "--map", "m"),
            List.of("--data", "a", "--data", "b"), List.of("--osc-port", "x"), List.of("--osc-port", "70000"),
            List.of("--osc-port", " 80"), List.of("--osc-port", "-1"), List.of("--reply-port", "0"), List.of("--osc-port", ""),
            List.of("@args.txt"), List.of("--data", "@show"), List.of("--unknown", "1"), List.of("--"), List.of("--data=a", "--data", "b"),
            List.of("--map", "-x"));

    @Test
    void aPlainCommandLineMeansWhatPicocliReadsItAs() {
        for (List<String> args : PLAIN) {
            DaemonOptions fast = DaemonFlags.parse(args.toArray(String[]::new));
            assertNotNull(fast, "the fast path takes " + args);
            assertEquals(picocli(args), fast, "read as picocli reads " + args);
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> args : FOR_PICOCLI) {
            assertNull(DaemonFlags.parse(args.toArray(String[]::new)), "left to picocli: " + args);
        }
    }

    /** A new daemon option must be known here too (else a start with it would only lose the fast path). */
    @Test
    void theFastPathKnowsEveryOptionOfTheDaemonThatTakesAValue() {
        Set<String> declared = new HashSet<>();
        for (CommandLine.Model.OptionSpec option : command().getCommandSpec().options()) {
            if (option.arity().max() > 0) {
                declared.add(option.longestName());
            }
        }
        Set<String> known = new HashSet<>(DaemonFlags.SINGLE);
        known.addAll(DaemonFlags.REPEATED);
        assertEquals(declared, known);
        for (CommandLine.Model.OptionSpec option : command().getCommandSpec().options()) {
            if (DaemonFlags.REPEATED.contains(option.longestName()) != option.isMultiValue() && option.arity().max() > 0) {
                throw new AssertionError(option.longestName() + ": repeated here must mean a list in picocli");
            }
        }
    }

    private static CommandLine command() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream());
        return CommandLineRunner.build(new Terminal(nowhere, nowhere));
    }

    private static DaemonOptions picocli(List<String> args) {
        CommandLine cli = command();
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        assertNull(parsed.subcommand(), args.toString());
        return ((EncoreCommand) cli.getCommand()).options();
    }
}
