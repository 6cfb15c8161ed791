package dev.encore.app;

import dev.encore.app.cli.CheckCommand;
import dev.encore.app.cli.DataFolder;
import dev.encore.app.cli.EncoreVersion;
import dev.encore.app.cli.ExportCommand;
import dev.encore.app.cli.GcCommand;
import dev.encore.app.cli.SendCommand;
import dev.encore.app.cli.ServiceCommand;
import dev.encore.app.cli.ImportCommand;
import dev.encore.app.cli.HistoryCommand;
import dev.encore.app.cli.ListCommand;
import dev.encore.app.cli.MidiDevicesCommand;
import dev.encore.app.cli.MirrorKeyCommand;
import dev.encore.app.cli.PortConverter;
import dev.encore.app.cli.Terminal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar encore.jar [options] [command]}: with no command it runs the daemon (or, with the
 * old flags, checks the map or rebuilds the store); the subcommands each do one job on a data folder.
 */
@Command(name = "encore", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = "Runs the Encore daemon: OSC on UDP and TCP, MIDI controllers, sessions kept in the data folder.",
        footer = {"", "Stop the daemon with Ctrl-C or SIGTERM: a save in flight finishes and unsaved changes are kept as a draft.",
                "Exit codes: 0 done, 1 failed (map invalid, store damaged, port in use), 2 wrong command line."})
final class EncoreCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default ./encore-data, created when missing)")
    private Path data = DataFolder.DEFAULT;

    @Option(names = "--map", paramLabel = "FILE",
            description = "osc-map.yaml to read (default ./osc-map.yaml when present, else the built-in one)")
    private Path map;

    @Option(names = "--osc-port", paramLabel = "N", converter = PortConverter.Listen.class,
            description = "UDP and TCP port for commands (default from the map, 8000; 0 picks a free port)")
    private Integer oscPort;

    @Option(names = "--reply-port", paramLabel = "N", converter = PortConverter.Reply.class,
            description = "port on the sender's address for replies and pushes (default from the map, 9000)")
    private Integer replyPort;

    @Option(names = "--media", paramLabel = "DIR",
            description = "folder /encore/track/import may read from; repeat for more (added to the map's media)")
    private List<Path> media = new ArrayList<>();

    @Option(names = "--role", paramLabel = "ROLE",
            description = "standalone (default: no mirror), primary or backup; see README \"Running a backup laptop\"")
    private String role;

    @Option(names = "--mirror-bind", paramLabel = "HOST:PORT", description = "this laptop's mirror address on the stage network")
    private String mirrorBind;

    @Option(names = "--mirror-peer", paramLabel = "HOST:PORT", description = "the other laptop's mirror address; repeat for more")
    private List<String> mirrorPeers = new ArrayList<>();

    @Option(names = "--mirror-group", paramLabel = "NAME", description = "mirror group name both laptops use (default encore)")
    private String mirrorGroup;

    @Option(names = "--mirror-advertise", paramLabel = "HOST:PORT",
            description = "the address the other laptops reach this one at, when it is not --mirror-bind (binding 0.0.0.0, a forwarded port)")
    private String mirrorAdvertise;

    @Option(names = "--mirror-key", paramLabel = "FILE",
            description = "the mirror key both laptops hold (made by `encore mirror-key FILE`): only a laptop with it is let in")
    private String mirrorKey;

    @Option(names = "--check-map", description = "check the map, print every problem, exit 0 (valid) or 1 (same as the check-map command)")
    private boolean checkMap;

    @Option(names = "--rebuild", description = "rebuild the store's index from its journal, print the report, exit (same as the rebuild command)")
    private boolean rebuild;

    EncoreCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** What the flags ask the daemon for. */
    DaemonOptions options() {
        DaemonOptions.Mode mode = checkMap ? DaemonOptions.Mode.CHECK_MAP : rebuild ? DaemonOptions.Mode.REBUILD : DaemonOptions.Mode.RUN;
        return new DaemonOptions(mode, data, map, oscPort, replyPort, media,
                new DaemonOptions.Mirror(role, mirrorBind, mirrorPeers, mirrorGroup, mirrorAdvertise, mirrorKey));
    }

    @Override
    public Integer call() {
        DaemonOptions options = options();
        return switch (options.mode()) {
            case CHECK_MAP -> Main.checkMap(options, terminal.out(), terminal.err());
            case REBUILD -> Main.rebuild(options, terminal.out(), terminal.err());
            default -> Main.runDaemon(options, terminal.out(), terminal.err());
        };
    }

    /** The commands besides the daemon, each built for this terminal. */
    static List<Object> subcommands(Terminal terminal) {
        return List.of(new ListCommand(terminal), new HistoryCommand(terminal), new CheckCommand(terminal),
                new ExportCommand(terminal), new ImportCommand(terminal), new GcCommand(terminal), new SendCommand(terminal),
                new CheckMapCommand(terminal), new RebuildCommand(terminal), new MidiDevicesCommand(terminal), new MirrorKeyCommand(terminal),
                ServiceCommand.build(terminal));
    }

    /** {@code encore check-map}: the old {@code --check-map} as a command. */
    @Command(name = "check-map", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
            description = "Check osc-map.yaml, print every problem with its line, exit 0 (valid) or 1.")
    static final class CheckMapCommand implements Callable<Integer> {
        private final Terminal terminal;

        @Option(names = "--map", paramLabel = "FILE",
                description = "osc-map.yaml to check (default ./osc-map.yaml when present, else the built-in one)")
        private Path map;

        CheckMapCommand(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            return Main.checkMap(new DaemonOptions(DaemonOptions.Mode.CHECK_MAP, null, map, null, null, null), terminal.out(),
                    terminal.err());
        }
    }

    /** {@code encore rebuild}: the old {@code --rebuild} as a command. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
            description = "Rebuild the store's index from its journal and print the report; refused while a daemon runs on the folder.")
    static final class RebuildCommand implements Callable<Integer> {
        private final Terminal terminal;

        @picocli.CommandLine.Mixin
        private DataFolder data;

        RebuildCommand(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            data.refuseWhileHeld("rebuild", "A rebuild replaces the index the daemon reads and writes.");
            return Main.rebuild(new DaemonOptions(DaemonOptions.Mode.REBUILD, data.path(), null, null, null, null), terminal.out(),
                    terminal.err());
        }
    }
}
