package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.FolderLock;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Encore that holds a data folder, as its lock file describes it: pid, host, since when, and
 * the OSC port it answers on (absent until its OSC server is up, or for a command-line tool).
 */
record FolderHolder(String description, Long pid, String host, String since, Integer oscPort) {
    private static final Pattern FORM = Pattern.compile("pid (\\d+) on (.+?), started (\\S+?)(?:, OSC port (\\d+))?$");

    /** The holder of {@code dataDir} now, or empty when no process holds it. */
    static Optional<FolderHolder> of(Path dataDir) {
        return FolderLock.holderOf(dataDir).map(FolderHolder::parse);
    }

    static FolderHolder parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.find()) {
            return new FolderHolder(text.strip(), null, null, null, null);
        }
        return new FolderHolder(text.strip(), Long.parseLong(m.group(1)), m.group(2), m.group(3),
                m.group(4) == null ? null : Integer.parseInt(m.group(4)));
    }

    /** "the Encore with pid 4242 on stage-mac, running since 2026-12-01T18:00:00Z (OSC port 8000)". */
    String who() {
        if (pid == null) {
            return "another Encore (" + description + ")";
        }
        return "the Encore with pid " + pid + " on " + host + ", running since " + since + (oscPort == null ? "" : " (OSC port " + oscPort + ")");
    }

    /** How to stop it, for a person at this computer's terminal. */
    String howToStop() {
        String kill = pid == null ? "kill <its pid>" : "kill " + pid;
        return "stop it with Ctrl-C in its terminal or '" + kill + "' (it keeps unsaved changes as a draft)";
    }

    /** Why {@code command} does not run while this process holds {@code dataDir}, and what to do. */
    EncoreException refuses(String command, Path dataDir, String why, String meanwhile) {
        return new EncoreException(Reason.BUSY, "encore " + command + " did not run: the data folder " + dataDir + " is in use by "
                + who() + ". " + why + " First " + howToStop() + ", then run '" + command + "' again." + meanwhile);
    }
}
