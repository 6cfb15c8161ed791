package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encore service install|status|uninstall} through the launcher and the real jar, on a
 * machine where systemd does not run (as in these containers): the unit is written where systemd
 * would read it and the commands that enable it are printed.
 */
class ServiceIT {
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Map<String, String> env;

    @BeforeEach
    void noSystemdHere() {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd runs on this machine: install would really enable a unit");
        env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(), "HOME", dir.resolve("home").toString());
    }

    private EncoreJar.Finished encore(String name, String... args) throws Exception {
        return Launcher.run(Launcher.script(), dir, dir.resolve(name + ".txt"), env, RUN, args);
    }

    @Test
    void installUserWritesTheUnitNamingJarDataAndMapAndPrintsTheEnableCommand() throws Exception {
        Path map = Files.copy(Path.of("osc-map.yaml"), dir.resolve("stage-map.yaml"));
        EncoreJar.Finished install = encore("install", "service", "install", "--user", "--data", "show", "--map", map.toString());

        assertEquals(0, install.exitCode(), install.toString());
        Path unit = dir.resolve("config/systemd/user/encore.service");
        assertTrue(install.output().contains("Wrote " + unit), install.toString());
        assertTrue(install.output().contains("systemd is not running on this machine"), install.toString());
        assertTrue(install.output().contains("  systemctl --user daemon-reload\n  systemctl --user enable --now encore.service"),
                install.toString());
        String text = Files.readString(unit);
        String exec = text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        Path launcher = Launcher.script().toRealPath();
        assertTrue(exec.startsWith("ExecStart=\"" + launcher + "\" \"--data\""), "started through bin/encore, the unit starts it too: " + exec);
        assertTrue(text.contains("\nEnvironment=\"ENCORE_JAR=" + EncoreJar.jar().toRealPath() + "\"\n"), "pinned to this jar: " + text);
        assertTrue(text.contains("\nEnvironment=\"JAVA_HOME="), "and this Java: " + text);
        assertTrue(exec.contains("\"--data\" \"" + dir.resolve("show") + "\""), "data made absolute from the working folder: " + exec);
        assertTrue(exec.contains("\"--map\" \"" + map + "\""), exec);
        assertTrue(text.contains("\nRestart=on-failure\n"), text);

        EncoreJar.Finished status = encore("status", "service", "status", "--user");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.output().contains("Installed: " + unit), status.toString());

        EncoreJar.Finished uninstall = encore("uninstall", "service", "uninstall", "--user");
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertFalse(Files.exists(unit));
        EncoreJar.Finished after = encore("after", "service", "status", "--user");
        assertEquals(1, after.exitCode(), after.toString());
        assertTrue(after.output().contains("Not installed: there is no " + unit), after.toString());
        EncoreJar.Finished again = encore("again", "service", "uninstall", "--user");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.output().contains("No Encore service is installed at " + unit), again.toString());
    }

    @Test
    void anInvalidMapRefusesTheInstallAndWritesNothing() throws Exception {
        Path map = Files.writeString(dir.resolve("broken.yaml"), "osc:\n  port: seventy\n");
        EncoreJar.Finished install = encore("install", "service", "install", "--user", "--map", map.toString());

        assertEquals(1, install.exitCode(), install.toString());
        assertTrue(install.output().contains("broken.yaml"), install.toString());
        assertFalse(Files.exists(dir.resolve("config/systemd/user/encore.service")));
    }

    @Test
    void aSystemUnitRunsAsTheInstallingUserAndTheMacAgentIsAPlistInLaunchAgents() throws Exception {
        Path units = dir.resolve("etc");
        EncoreJar.Finished system = encore("system", "service", "install", "--unit-dir", units.toString(), "--data", "show");
        assertEquals(0, system.exitCode(), system.toString());
        assertTrue(system.output().contains("  systemctl enable --now encore.service"), system.toString());
        String user = System.getProperty("user.name");
        String unit = Files.readString(units.resolve("encore.service"));
        assertEquals(!user.equals("root"), unit.contains("\nUser=" + user + "\n"), unit);

        EncoreJar.Finished direct = EncoreJar.run(dir, dir.resolve("direct.txt"), RUN,
                List.of("service", "install", "--unit-dir", dir.resolve("direct").toString(), "--data", "show"));
        assertEquals(0, direct.exitCode(), direct.toString());
        String plain = Files.readString(dir.resolve("direct/encore.service"));
        assertTrue(plain.contains("\"-jar\" \"" + EncoreJar.jar().toAbsolutePath().normalize() + "\""), "java -jar installs java -jar: " + plain);
        assertFalse(plain.contains("Environment="), plain);

        EncoreJar.Finished mac = encore("mac", "service", "install", "--platform", "macos", "--data", "show");
        assertEquals(0, mac.exitCode(), mac.toString());
        Path plist = dir.resolve("home/Library/LaunchAgents/dev.encore.daemon.plist");
        assertTrue(Files.readString(plist).contains("<string>" + dir.resolve("show") + "</string>"), Files.readString(plist));
        assertTrue(mac.output().contains("launchctl bootstrap gui/"), mac.toString());
        assertEquals(0, encore("macstatus", "service", "status", "--platform", "macos").exitCode());
    }

    @Test
    void serviceWithoutACommandAndAnUnknownSystemAreRefused() throws Exception {
        EncoreJar.Finished bare = encore("bare", "service");
        assertEquals(2, bare.exitCode(), bare.toString());
        assertTrue(bare.output().contains("install, uninstall or status"), bare.toString());

        EncoreJar.Finished windows = encore("windows", "service", "install", "--platform", "windows");
        assertEquals(1, windows.exitCode(), windows.toString());
        assertTrue(windows.output().contains("knows systemd (Linux) and launchd (macOS)"), windows.toString());
    }
}
