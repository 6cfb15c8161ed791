package dev.encore.control;

import java.util.List;

/**
 * The {@code mirror:} section: this laptop's role, the address its mirror listens on
 * ({@code HOST:PORT}), the fixed list of peers ({@code HOST:PORT} each; no multicast), the group name
 * both laptops share, how long a silent peer has before it counts as gone, and whether a backup takes
 * over by itself ({@code auto}, after {@code takeover_delay_ms}) or waits for /encore/takeover
 * ({@code manual}), and the address the other laptops reach this one at when it is not {@code bind}
 * ({@code advertise}: binding 0.0.0.0, or a router that forwards a port; null means {@code bind}),
 * and the key file both laptops hold ({@code key}, made by {@code encore mirror-key}; null leaves
 * the link open). The command line's --role, --mirror-bind, --mirror-peer, --mirror-group,
 * --mirror-advertise and --mirror-key win.
 */
public record MirrorSettings(
        MirrorRole role,
        String bind,
        List<String> peers,
        String group,
        Integer detectionMs,
        String takeover,
        Integer takeoverDelayMs,
        String advertise,
        String key) {

    public static final String DEFAULT_GROUP = "encore";
    public static final int DEFAULT_DETECTION_MS = 3000;
    public static final int DEFAULT_TAKEOVER_DELAY_MS = 5000;

    public MirrorSettings {
        role = role == null ? MirrorRole.STANDALONE : role;
        peers = peers == null ? List.of() : List.copyOf(peers);
        group = group == null ? DEFAULT_GROUP : group;
        detectionMs = detectionMs == null ? DEFAULT_DETECTION_MS : detectionMs;
        takeover = takeover == null ? "manual" : takeover;
        takeoverDelayMs = takeoverDelayMs == null ? DEFAULT_TAKEOVER_DELAY_MS : takeoverDelayMs;
    }

    static MirrorSettings defaults() {
        return new MirrorSettings(null, null, null, null, null, null, null, null, null);
    }

    public boolean autoTakeover() {
        return "auto".equals(takeover);
    }

    /**
     * Why {@code text} is not a usable {@code HOST:PORT}, or null when it is. The host is a name or
     * an IPv4 address (an IPv6 address goes in brackets); the port is 1..65535 (0 for bind only).
     */
    public static String hostPortProblem(String text, boolean bind) {
        if (text == null || text.isBlank()) {
            return "write HOST:PORT, for example 192.168.1.20:7800";
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return "'" + text + "' needs a host and a port: write HOST:PORT, for example 192.168.1.20:7800";
        }
        String host = text.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            return "'" + text + "': write an IPv6 address in brackets, like [fe80::1]:7800";
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "'" + text + "': the port must be a number, like 7800";
        }
        if (port < (bind ? 0 : 1) || port > 65_535) {
            return "'" + text + "': the port must be from " + (bind ? 0 : 1) + " to 65535";
        }
        if (bind && (host.equals("0.0.0.0") || host.equals("[::]"))) {
            return "'" + text + "': the mirror binds one address, not all of them; write this laptop's address on the"
                    + " stage network (or 127.0.0.1 for a test on one computer)";
        }
        return null;
    }
}
