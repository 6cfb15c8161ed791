package dev.encore.app.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encore as a launchd agent of the logged-in user on macOS: the plist in
 * {@code ~/Library/LaunchAgents}, loaded into the user's GUI domain ({@code gui/<uid>}), its output
 * in {@code ~/Library/Logs/encore.log}.
 */
public record Launchd(Path home, long uid) implements ServicePlatform {

    @Override
    public Path file() {
        return home.resolve("Library").resolve("LaunchAgents").resolve(LaunchdAgent.FILE_NAME);
    }

    /** Where the agent's standard output and error go. */
    public Path logFile() {
        return home.resolve("Library").resolve("Logs").resolve("encore.log");
    }

    @Override
    public String content(Launch launch) {
        return LaunchdAgent.plist(launch, logFile());
    }

    @Override
    public String name() {
        return "launchd";
    }

    @Override
    public boolean toolRunning() {
        return Step.onPath("launchctl");
    }

    @Override
    public List<Step> enable(boolean replacing) {
        List<Step> steps = new ArrayList<>();
        if (replacing) {
            steps.add(bootout());
        }
        steps.add(Step.of("launchctl", "bootstrap", domain(), file().toString()));
        return steps;
    }

    @Override
    public List<Step> disable() {
        return List.of(bootout());
    }

    @Override
    public List<Step> afterRemove() {
        return List.of();
    }

    @Override
    public Step query() {
        return new Step(List.of("launchctl", "print", domain() + "/" + LaunchdAgent.LABEL), true);
    }

    @Override
    public String state(Step.Ran answer) {
        if (!answer.ok()) {
            return "not loaded";
        }
        return answer.output().contains("state = running") ? "running" : "loaded, not running";
    }

    private Step bootout() {
        return new Step(List.of("launchctl", "bootout", domain() + "/" + LaunchdAgent.LABEL), true);
    }

    private String domain() {
        return "gui/" + uid;
    }
}
