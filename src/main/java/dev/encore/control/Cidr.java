package dev.encore.control;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 address range of the OSC allow list in CIDR notation ({@code 192.168.0.0/16},
 * {@code fe80::/10}); a bare address is a range of one. Only literal addresses are accepted, so
 * parsing never asks DNS. The one range type of Encore: the map validator and the OSC transport
 * both use it, so a range the map accepts is a range the server listens to.
 */
public record Cidr(String text, byte[] network, int prefixBits) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public Cidr {
        network = network.clone();
        if ((network.length != 4 && network.length != 16) || prefixBits < 0 || prefixBits > network.length * 8) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Allow-list range '" + text + "' is not valid.");
        }
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** Parses {@code address[/prefix]}; a wrong range is a BAD_ARGUMENTS error naming it and the fix. */
    public static Cidr parse(String range) {
        if (range == null || range.isBlank()) {
            throw bad(String.valueOf(range), "it is empty");
        }
        String text = range.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] address = literal(text, host);
        int maxBits = address.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > maxBits) {
                throw bad(text, "the prefix '/" + prefix + "' must be a number from 0 to " + maxBits);
            }
            bits = Integer.parseInt(prefix);
        }
        byte[] masked = mask(address, bits);
        if (!Arrays.equals(masked, address)) {
            throw bad(text, "it has host bits set; did you mean " + format(masked) + "/" + bits + "?");
        }
        return new Cidr(text, masked, bits);
    }

    /** True when the address lies in this range; IPv4-mapped IPv6 addresses count as IPv4. */
    public boolean contains(InetAddress address) {
        byte[] candidate = unmapped(address.getAddress());
        return candidate.length == network.length && Arrays.equals(mask(candidate, prefixBits), network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr r && r.prefixBits == prefixBits && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixBits;
    }

    private static byte[] literal(String text, String host) {
        if (IPV4.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    throw bad(text, "'" + parts[i] + "' is not a number from 0 to 255");
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (host.contains(":") && IPV6.matcher(host).matches()) {
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw bad(text, "'" + host + "' is not a valid IPv6 address");
            }
            if (bytes.length != 16) {
                throw bad(text, "IPv4-mapped addresses are matched as IPv4; write the range in IPv4 form");
            }
            return bytes;
        }
        throw bad(text, "'" + host + "' is not an IPv4 or IPv6 address (host names are not allowed)");
    }

    private static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff00 >> keep));
        }
        return out;
    }

    private static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EncoreException bad(String text, String why) {
        return new EncoreException(Reason.BAD_ARGUMENTS,
                "Allow-list range '" + text + "' is not valid: " + why
                        + "; write a range like 192.168.0.0/16, a single address like 10.1.2.3, or fe80::/10.");
    }
}
