package dev.encore.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range such as {@code 192.168.0.0/16} or {@code ::1/128} from the OSC allow list. A bare
 * address is a range of one. Only literal addresses are accepted, so parsing never asks DNS.
 */
public record Cidr(InetAddress network, int prefixBits) {

    /** Parses a range, or throws IllegalArgumentException saying what is wrong with it. */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+") || !(host.contains(".") || host.contains(":"))) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address range");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
        if (host.contains(".") && !host.contains(":") && host.split("\\.", -1).length != 4) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv4 address with four parts");
        }
        int maxBits = address.getAddress().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String suffix = trimmed.substring(slash + 1);
            if (!suffix.matches("\\d{1,3}") || Integer.parseInt(suffix) > maxBits) {
                throw new IllegalArgumentException("prefix '/" + suffix + "' must be a number from 0 to " + maxBits);
            }
            bits = Integer.parseInt(suffix);
        }
        return new Cidr(address, bits);
    }

    /** True when the address lies inside this range (IPv4 and IPv6 never match each other). */
    public boolean contains(InetAddress candidate) {
        byte[] net = network.getAddress();
        byte[] other = candidate.getAddress();
        if (net.length != other.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != other[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (net[full] & mask) == (other[full] & mask);
    }
}
