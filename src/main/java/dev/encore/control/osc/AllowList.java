package dev.encore.control.osc;

import dev.encore.control.Cidr;
import dev.encore.control.OscSettings;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The senders Encore listens to. Anyone outside these ranges gets no reply and no pushes, so a
 * stray device on a festival network cannot open or delete sessions.
 */
public record AllowList(List<Cidr> ranges) {
    /** Loopback, the private LAN ranges and link-local, for IPv4 and IPv6. */
    public static final List<String> DEFAULT_RANGES = OscSettings.DEFAULT_ALLOW;

    public AllowList {
        ranges = List.copyOf(ranges);
    }

    /** Parses every range; the first bad one fails with BAD_ARGUMENTS naming it and the fix. */
    public static AllowList parse(List<String> ranges) {
        return new AllowList(ranges.stream().map(Cidr::parse).collect(Collectors.toList()));
    }

    public static AllowList defaults() {
        return parse(DEFAULT_RANGES);
    }

    public boolean allows(InetAddress address) {
        for (Cidr range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
