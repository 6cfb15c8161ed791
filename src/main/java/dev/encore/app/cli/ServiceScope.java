package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.app.service.Launchd;
import dev.encore.app.service.ServicePlatform;
import dev.encore.app.service.Systemd;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which service the {@code service} commands work on: systemd (user or system unit) on Linux, the
 * user's launchd agent on macOS. The platform follows {@code os.name}; the hidden options let tests
 * write a system unit or a plist into a temporary folder on any machine.
 */
public final class ServiceScope {
    @Option(names = "--user", description = "a systemd user unit (~/.config/systemd/user) instead of a system unit"
            + " (/etc/systemd/system, needs root); a launchd agent is always the user's")
    private boolean user;

    @Option(names = "--unit-dir", paramLabel = "DIR", hidden = true, description = "folder for the systemd unit")
    private Path unitDir;

    @Option(names = "--platform", paramLabel = "linux|macos", hidden = true, description = "service manager to write for")
    private String platform;

    boolean user() {
        return user;
    }

    /**
     * The service manager of this machine.
     *
     * @throws EncoreException GENERAL on a system that has neither systemd nor launchd
     */
    public ServicePlatform platform() {
        Map<String, String> env = System.getenv();
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        String os = (platform != null ? platform : System.getProperty("os.name", "")).toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return new Launchd(Path.of(home), uid());
        }
        if (os.contains("linux")) {
            Path dir = unitDir != null ? unitDir.toAbsolutePath().normalize() : Systemd.defaultUnitDir(user, env, home);
            return new Systemd(user, dir, user ? null : account(env));
        }
        throw new EncoreException(Reason.GENERAL, "encore service knows systemd (Linux) and launchd (macOS), not "
                + System.getProperty("os.name") + ". Start Encore at boot with that system's own scheduler, running: "
                + "bin\\encore.cmd --data DIR");
    }

    /** The user a system unit runs as: the one who ran sudo, else the one running this; null for root. */
    private static String account(Map<String, String> env) {
        String name = env.getOrDefault("SUDO_USER", System.getProperty("user.name"));
        return name == null || name.isBlank() || name.equals("root") ? null : name;
    }

    private static long uid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            throw new EncoreException(Reason.GENERAL, "Cannot tell this user's id for launchctl: " + e
                    + ". Load the agent by hand with: launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/dev.encore.daemon.plist");
        }
    }
}
