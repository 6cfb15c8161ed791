package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.mirror.MirrorKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code encore mirror-key FILE}: makes the key that locks the mirror link between two laptops, or
 * with {@code --check} reads one and prints its fingerprint, to compare on both laptops.
 */
@Command(name = "mirror-key", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Make the key that locks the mirror link: only a laptop holding the same key file can join, send or read.",
                "Copy the file to the other laptop and name it in mirror.key of both osc-map.yaml files (or --mirror-key)."})
public final class MirrorKeyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", description = "the key file to make (an existing file is never replaced)")
    private Path file;

    @Option(names = "--check", description = "read FILE and print its fingerprint instead of making a new key")
    private boolean check;

    public MirrorKeyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try {
            if (check) {
                MirrorKey key = MirrorKey.load(file);
                terminal.out().println(key.file() + ": mirror key " + key.fingerprint() + ". Both laptops must show the same.");
                return ExitCode.OK;
            }
            MirrorKey key = MirrorKey.create(file);
            terminal.out().println("Made mirror key " + key.fingerprint() + " in " + key.file() + ".");
            terminal.out().println("Copy it to the other laptop (USB stick, scp) and name it in both osc-map.yaml files:");
            terminal.out().println("  mirror:");
            terminal.out().println("    key: " + key.file());
            terminal.out().println("or start both with --mirror-key FILE. Keep it like the show itself: whoever has it can mirror to"
                    + " these laptops.");
            return ExitCode.OK;
        } catch (EncoreException e) {
            terminal.err().println(e.getMessage());
            return ExitCode.FAILED;
        }
    }
}
