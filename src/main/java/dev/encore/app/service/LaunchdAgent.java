package dev.encore.app.service;

import java.nio.file.Path;

/**
 * The property list of the launchd agent that runs Encore at login on macOS: started at load
 * ({@code RunAtLoad}), started again when it exits with an error ({@code KeepAlive} with
 * {@code SuccessfulExit} false, like systemd's on-failure), at most every {@link #THROTTLE_S}
 * seconds, and given {@link SystemdUnit#TIMEOUT_STOP_S} seconds after SIGTERM to close the store.
 */
public final class LaunchdAgent {
    /** The agent's label, which is also its file name without {@code .plist}. */
    public static final String LABEL = "dev.encore.daemon";
    public static final String FILE_NAME = LABEL + ".plist";
    /** Seconds launchd waits at least between two starts. */
    public static final int THROTTLE_S = 10;

    private LaunchdAgent() {
    }

    /** The plist for {@code launch}, with standard output and error appended to {@code logFile}. */
    public static String plist(Launch launch, Path logFile) {
        StringBuilder xml = new StringBuilder(1024)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<plist version=\"1.0\">\n<dict>\n");
        key(xml, "Label").append("  <string>").append(escaped(LABEL)).append("</string>\n");
        key(xml, "ProgramArguments").append("  <array>\n");
        for (String word : launch.arguments()) {
            xml.append("    <string>").append(escaped(word)).append("</string>\n");
        }
        xml.append("  </array>\n");
        if (!launch.environment().isEmpty()) {
            key(xml, "EnvironmentVariables").append("  <dict>\n");
            launch.environment().forEach((name, value) -> xml.append("    <key>").append(escaped(name)).append("</key>\n")
                    .append("    <string>").append(escaped(value)).append("</string>\n"));
            xml.append("  </dict>\n");
        }
        key(xml, "RunAtLoad").append("  <true/>\n");
        key(xml, "KeepAlive").append("  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n");
        key(xml, "ThrottleInterval").append("  <integer>").append(THROTTLE_S).append("</integer>\n");
        key(xml, "ExitTimeOut").append("  <integer>").append(SystemdUnit.TIMEOUT_STOP_S).append("</integer>\n");
        key(xml, "ProcessType").append("  <string>Interactive</string>\n");
        key(xml, "StandardOutPath").append("  <string>").append(escaped(logFile.toString())).append("</string>\n");
        key(xml, "StandardErrorPath").append("  <string>").append(escaped(logFile.toString())).append("</string>\n");
        return xml.append("</dict>\n</plist>\n").toString();
    }

    private static StringBuilder key(StringBuilder xml, String name) {
        return xml.append("  <key>").append(name).append("</key>\n");
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
