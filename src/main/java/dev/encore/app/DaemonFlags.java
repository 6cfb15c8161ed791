package dev.encore.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's own flags read without picocli, for the command lines a stage laptop starts with
 * (README's run command, a service unit): picocli's classes cannot go into the launcher's start-up
 * archive and cost a start about half a second of CPU before the store could be read. Only a plain
 * command line is read here, every option of {@link EncoreCommand} given at most once (the lists as
 * often as wanted), as {@code --name value} or {@code --name=value}; anything else (a subcommand,
 * help, a value picocli would refuse or convert otherwise) is left to picocli, so every message and
 * suggestion still comes from the whole command line.
 */
final class DaemonFlags {
    /** Options that take one value, once. */
    static final Set<String> SINGLE = Set.of("--data", "--map", "--osc-port", "--reply-port", "--role", "--mirror-bind",
            "--mirror-group", "--mirror-advertise", "--mirror-key");
    /** Options that take one value and may be repeated. */
    static final Set<String> REPEATED = Set.of("--media", "--mirror-peer");

    private DaemonFlags() {
    }

    /** What {@code args} ask the daemon to run with, or null when picocli has to read them. */
    static DaemonOptions parse(String[] args) {
        Map<String, String> single = new HashMap<>();
        Map<String, List<String>> repeated = Map.of("--media", new ArrayList<>(), "--mirror-peer", new ArrayList<>());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.startsWith("-") || value.startsWith("@") || arg.startsWith("@")) {
                return null; // an option where a value belongs, or an @file picocli expands
            }
            if (REPEATED.contains(name)) {
                repeated.get(name).add(value);
            } else if (!SINGLE.contains(name) || single.put(name, value) != null) {
                return null;
            }
        }
        Integer oscPort = port(single.get("--osc-port"), 0);
        Integer replyPort = port(single.get("--reply-port"), 1);
        if (oscPort != null && oscPort < 0 || replyPort != null && replyPort < 0) {
            return null;
        }
        List<Path> media = repeated.get("--media").stream().map(Path::of).toList();
        return new DaemonOptions(DaemonOptions.Mode.RUN, Path.of(single.getOrDefault("--data", DaemonOptions.DEFAULT_DATA_DIR.toString())),
                single.containsKey("--map") ? Path.of(single.get("--map")) : null, oscPort, replyPort, media,
                new DaemonOptions.Mirror(single.get("--role"), single.get("--mirror-bind"), repeated.get("--mirror-peer"),
                        single.get("--mirror-group"), single.get("--mirror-advertise"), single.get("--mirror-key")));
    }

    /** The port, null when not given, -1 when it is not plainly digits from {@code min} to 65535. */
    private static Integer port(String value, int min) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(value);
        return port >= min && port <= 65_535 ? port : -1;
    }
}
