package dev.encore.app.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encore as a systemd unit: a user unit in {@code $XDG_CONFIG_HOME/systemd/user} (default
 * {@code ~/.config}), which systemd itself reads from there, or a system unit in
 * {@code /etc/systemd/system} that runs as {@code account}.
 */
public record Systemd(boolean user, Path unitDir, String account) implements ServicePlatform {
    /** Where systemd keeps its runtime state when it is the running init system (sd_booted). */
    private static final Path BOOTED = Path.of("/run/systemd/system");

    /** The folder systemd reads user or system units from, for the environment {@code env}. */
    public static Path defaultUnitDir(boolean user, java.util.Map<String, String> env, String home) {
        if (!user) {
            return Path.of("/etc/systemd/system");
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(home, ".config");
        return base.resolve("systemd").resolve("user");
    }

    @Override
    public Path file() {
        return unitDir.resolve(SystemdUnit.FILE_NAME);
    }

    @Override
    public String content(Launch launch) {
        return SystemdUnit.text(launch, user ? null : account, user);
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public boolean toolRunning() {
        return Files.isDirectory(BOOTED) && Step.onPath("systemctl");
    }

    @Override
    public List<Step> enable(boolean replacing) {
        List<Step> steps = new ArrayList<>(List.of(systemctl("daemon-reload"), systemctl("enable", "--now", SystemdUnit.FILE_NAME)));
        if (replacing) {
            steps.add(systemctl("restart", SystemdUnit.FILE_NAME));
        }
        return steps;
    }

    @Override
    public List<Step> disable() {
        return List.of(systemctl("disable", "--now", SystemdUnit.FILE_NAME));
    }

    @Override
    public List<Step> afterRemove() {
        return List.of(systemctl("daemon-reload"));
    }

    @Override
    public Step query() {
        return new Step(systemctl("is-active", SystemdUnit.FILE_NAME).words(), true);
    }

    @Override
    public String state(Step.Ran answer) {
        String word = answer.output().isBlank() ? "unknown" : answer.output().lines().findFirst().orElse("").strip();
        return switch (word) {
            case "active" -> "running";
            case "activating", "reloading" -> "starting";
            case "inactive" -> "stopped";
            case "failed" -> "failed (systemctl" + (user ? " --user" : "") + " status encore.service says why)";
            default -> word;
        };
    }

    private Step systemctl(String... args) {
        List<String> words = new ArrayList<>();
        words.add("systemctl");
        if (user) {
            words.add("--user");
        }
        words.addAll(List.of(args));
        return new Step(words, false);
    }
}
