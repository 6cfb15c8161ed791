package dev.encore.app.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of {@code encore.service}: restarted on failure (the daemon exits 1 when its engine
 * dies) but at most {@link #START_LIMIT_BURST} times in {@link #START_LIMIT_INTERVAL_S} seconds, so
 * a data folder that cannot open does not spin; stopped with SIGTERM, which Encore's shutdown hook
 * answers by finishing the save in flight and journaling unsaved changes; logs in the journal.
 */
public final class SystemdUnit {
    /** The unit's file name. */
    public static final String FILE_NAME = "encore.service";
    /** Seconds between a failure and the restart. */
    public static final int RESTART_SEC = 2;
    public static final int START_LIMIT_INTERVAL_S = 120;
    public static final int START_LIMIT_BURST = 5;
    /**
     * Seconds systemd waits after SIGTERM before SIGKILL. Encore's shutdown hook first waits up to
     * 10 s for a start in progress (so the store it is opening is closed cleanly), then the engine
     * gets up to 10 s to finish the save in flight, journal the draft and close the store; 30 s
     * covers both bounds and the index checkpoint after them. A normal stop takes well under a second.
     */
    public static final int TIMEOUT_STOP_S = 30;

    private SystemdUnit() {
    }

    /**
     * The unit for {@code launch}; {@code account} is the user a system unit runs as (null for a user
     * unit, or to run as root).
     */
    public static String text(Launch launch, String account, boolean userUnit) {
        StringBuilder unit = new StringBuilder(768)
                .append("[Unit]\n")
                .append("Description=Encore session store for live performance (OSC and MIDI)\n");
        if (!userUnit) {
            unit.append("After=network.target sound.target\n");
        }
        unit.append("StartLimitIntervalSec=").append(START_LIMIT_INTERVAL_S).append('\n')
                .append("StartLimitBurst=").append(START_LIMIT_BURST).append('\n')
                .append('\n')
                .append("[Service]\n")
                .append("Type=simple\n")
                .append("ExecStart=").append(execLine(launch.arguments())).append('\n');
        launch.environment().forEach((name, value) -> unit.append("Environment=").append(assignment(name, value)).append('\n'));
        if (account != null) {
            unit.append("User=").append(account).append('\n');
        }
        unit.append("Restart=on-failure\n")
                .append("RestartSec=").append(RESTART_SEC).append('\n')
                .append("KillSignal=SIGTERM\n")
                .append("KillMode=mixed\n")
                .append("TimeoutStopSec=").append(TIMEOUT_STOP_S).append('\n')
                .append("StandardOutput=journal\n")
                .append("StandardError=journal\n")
                .append("SyslogIdentifier=encore\n")
                .append('\n')
                .append("[Install]\n")
                .append("WantedBy=").append(userUnit ? "default.target" : "multi-user.target").append('\n');
        return unit.toString();
    }

    /** Every word double-quoted, so paths with spaces stay one argument; systemd's specifiers and variables escaped. */
    static String execLine(List<String> words) {
        return words.stream().map(SystemdUnit::quoted).collect(Collectors.joining(" "));
    }

    /** One quoted {@code NAME=value} for Environment=: specifiers escaped; a variable is not expanded there. */
    static String assignment(String name, String value) {
        return "\"" + (name + "=" + value).replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
    }

    private static String quoted(String word) {
        String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$");
        return "\"" + escaped + "\"";
    }
}
