package dev.encore.app.service;

import java.nio.file.Path;
import java.util.List;

/**
 * A service manager Encore can install itself into: where its file goes, what it contains, and the
 * tool commands that enable, disable and query it. {@link #toolRunning()} is false where the
 * manager is absent (a container, a machine booted without systemd); the commands are then printed.
 */
public sealed interface ServicePlatform permits Systemd, Launchd {
    /** The unit or plist file. */
    Path file();

    /** What {@link #file()} contains for {@code launch}. */
    String content(Launch launch);

    /** The manager's name as a person knows it: {@code systemd}, {@code launchd}. */
    String name();

    /** True when the manager runs here and its tool can be called. */
    boolean toolRunning();

    /** The steps after the file is written; {@code replacing} when it replaced an earlier one. */
    List<Step> enable(boolean replacing);

    /** The steps before the file is deleted. */
    List<Step> disable();

    /** The steps after the file is deleted. */
    List<Step> afterRemove();

    /** The step that asks whether Encore runs. */
    Step query();

    /** What {@link #query()}'s answer means, in a few words (running, stopped, failed ...). */
    String state(Step.Ran answer);
}
