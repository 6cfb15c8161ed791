package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.app.service.Launch;
import dev.encore.app.service.Launchd;
import dev.encore.app.service.ServicePlatform;
import dev.encore.app.service.Step;
import dev.encore.app.service.Systemd;
import dev.encore.control.map.ControlMapReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code encore service install|uninstall|status}: starts Encore at boot (systemd) or login
 * (launchd), restarted when it fails. Where the service manager does not run here, the file is
 * still written and the commands that enable it are printed.
 */
@Command(name = "service", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = "Install, remove or ask about the service that starts Encore at boot (systemd) or login (launchd).")
public final class ServiceCommand implements Callable<Integer> {
    private final Terminal terminal;

    public ServiceCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** {@code service} with its three commands, built for this terminal. */
    public static CommandLine build(Terminal terminal) {
        return new CommandLine(new ServiceCommand(terminal))
                .addSubcommand(new Install(terminal))
                .addSubcommand(new Uninstall(terminal))
                .addSubcommand(new Status(terminal));
    }

    @Override
    public Integer call() {
        terminal.err().println("encore service: name what to do: install, uninstall or status.");
        terminal.err().println("Run 'encore service --help' to see the options.");
        return ExitCode.USAGE;
    }

    /** A service command: it acts on this platform's service file, system-wide or for the user (--user). */
    abstract static class OnPlatform implements Callable<Integer> {
        final Terminal terminal;

        @Mixin
        ServiceScope scope;

        OnPlatform(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public final Integer call() {
            ServicePlatform platform = scope.platform();
            return run(platform, platform.file());
        }

        /** Does the command on {@code file}, the platform's unit or plist, and returns the exit code. */
        abstract int run(ServicePlatform platform, Path file);
    }

    /** A service command that needs the service installed: without its file it says so and exits 1. */
    abstract static class OnInstalled extends OnPlatform {
        OnInstalled(Terminal terminal) {
            super(terminal);
        }

        @Override
        final int run(ServicePlatform platform, Path file) {
            if (!Files.exists(file)) {
                notInstalled(file);
                return ExitCode.FAILED;
            }
            return installed(platform, file);
        }

        /** Tells the user there is no service at {@code file}. */
        abstract void notInstalled(Path file);

        /** Does the command on the installed service's file and returns the exit code. */
        abstract int installed(ServicePlatform platform, Path file);
    }

    /** {@code service install}: writes the unit or plist and enables it. */
    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
            description = "Write the systemd unit (Linux) or launchd agent (macOS) that runs this Encore at boot with --data and --map,"
                    + " restarted on failure, and enable it; where systemd or launchctl is not running, print the commands that enable it.")
    static final class Install extends OnPlatform {
        @Option(names = "--data", paramLabel = "DIR", description = "data folder the service uses (default ./encore-data, made absolute)")
        private Path data = DataFolder.DEFAULT;

        @Option(names = "--map", paramLabel = "FILE",
                description = "osc-map.yaml the service reads (default ./osc-map.yaml when present, else the built-in one)")
        private Path map;

        Install(Terminal terminal) {
            super(terminal);
        }

        @Override
        int run(ServicePlatform platform, Path file) {
            Path mapFile = ControlMapReader.locate(map, Path.of(""));
            if (mapFile != null) {
                ControlMapReader.load(mapFile);
            }
            Launch launch = Launch.ofThisJar(data, mapFile);
            boolean replacing = Files.exists(file);
            write(file, platform.content(launch));
            terminal.out().println((replacing ? "Replaced " : "Wrote ") + file + ": it runs " + Step.of(launch.arguments().toArray(String[]::new)).shown());
            terminal.out().println("Data in " + launch.dataDir() + ", map " + (launch.mapFile() == null ? "built into the jar" : launch.mapFile()) + ".");
            if (platform instanceof Launchd agent) {
                terminal.out().println("Its output goes to " + agent.logFile() + ".");
            }
            int code = enable(platform, platform.enable(replacing));
            if (platform instanceof Systemd unit && unit.user()) {
                terminal.out().println("A user unit starts at boot, before anyone logs in, only with lingering on: sudo loginctl enable-linger "
                        + System.getProperty("user.name"));
            }
            return code;
        }

        private int enable(ServicePlatform platform, List<Step> steps) {
            if (!platform.toolRunning()) {
                terminal.out().println(platform.name() + " is not running on this machine, so the service was not enabled."
                        + " Where it runs, enable it with:");
                steps.forEach(step -> terminal.out().println("  " + step.shown()));
                return ExitCode.OK;
            }
            for (Step step : steps) {
                Step.Ran ran = step.run();
                if (!ran.ok() && !step.mayFail()) {
                    terminal.err().println(step.shown() + " failed (exit " + ran.exitCode() + "): " + ran.output());
                    terminal.err().println("The file is in place at " + platform.file() + "; once that is fixed, run:");
                    steps.forEach(s -> terminal.err().println("  " + s.shown()));
                    return ExitCode.FAILED;
                }
            }
            terminal.out().println("Enabled and started (" + platform.name() + "): " + platform.state(platform.query().run()) + ".");
            return ExitCode.OK;
        }

        private static void write(Path file, String content) {
            try {
                Files.createDirectories(file.getParent());
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AccessDeniedException e) {
                throw new EncoreException(Reason.STORAGE_DENIED, "Cannot write " + file + ": permission denied. A system unit needs root:"
                        + " run it with sudo, or install a user unit with --user.");
            } catch (IOException e) {
                throw new EncoreException(Reason.STORAGE_FAILURE, "Cannot write " + file + ": " + e.getMessage()
                        + ". Check that the folder exists and is writable.");
            }
        }
    }

    /** {@code service uninstall}: disables the service and removes its file. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
            description = "Stop and disable the service, then remove its unit or plist; the data folder is not touched.")
    static final class Uninstall extends OnInstalled {
        Uninstall(Terminal terminal) {
            super(terminal);
        }

        @Override
        void notInstalled(Path file) {
            terminal.err().println("No Encore service is installed at " + file + "; nothing was changed."
                    + (scope.user() ? "" : " (A user unit is removed with --user.)"));
        }

        @Override
        int installed(ServicePlatform platform, Path file) {
            boolean running = platform.toolRunning();
            if (running) {
                for (Step step : platform.disable()) {
                    Step.Ran ran = step.run();
                    if (!ran.ok() && !step.mayFail()) {
                        terminal.err().println(step.shown() + " failed (exit " + ran.exitCode() + "): " + ran.output()
                                + ". The service is still installed at " + file + ".");
                        return ExitCode.FAILED;
                    }
                }
            }
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new EncoreException(Reason.STORAGE_DENIED, "Cannot remove " + file + ": " + e.getMessage()
                        + ". A system unit needs root: run it with sudo.");
            }
            if (running) {
                platform.afterRemove().forEach(Step::run);
                terminal.out().println("Stopped, disabled and removed " + file + ". The data folder is untouched.");
            } else {
                terminal.out().println("Removed " + file + ". " + platform.name() + " is not running on this machine, so nothing"
                        + " was stopped. The data folder is untouched.");
            }
            return ExitCode.OK;
        }
    }

    /** {@code service status}: installed or not, where, and whether it runs. */
    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
            description = "Say whether the service is installed, where its file is and, where systemd or launchctl runs, whether"
                    + " Encore is running; exit 0 when installed, 1 when not.")
    static final class Status extends OnInstalled {
        Status(Terminal terminal) {
            super(terminal);
        }

        @Override
        void notInstalled(Path file) {
            terminal.out().println("Not installed: there is no " + file + ". Install it with: encore service install"
                    + (scope.user() ? " --user" : "") + " --data DIR");
        }

        @Override
        int installed(ServicePlatform platform, Path file) {
            terminal.out().println("Installed: " + file);
            if (platform.toolRunning()) {
                terminal.out().println("Encore is " + platform.state(platform.query().run()) + " (" + platform.name() + ").");
            } else {
                terminal.out().println(platform.name() + " is not running on this machine, so whether Encore runs cannot be asked.");
            }
            return ExitCode.OK;
        }
    }
}
