package dev.encore.control.osc;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an incoming OSC message checked before JavaOSC parses it: an address that OSC does
 * not allow, or a string argument that is not UTF-8, is refused by name so the sender is told why,
 * where JavaOSC would fail without saying or replace the bytes silently.
 */
final class OscText {
    private OscText() {
    }

    /** Null when {@code address} is a valid OSC address, else what is wrong with it. */
    static String addressProblem(String address) {
        if (address.indexOf('\uFFFD') >= 0) {
            return "it is not valid UTF-8";
        }
        if (address.contains("//")) {
            return "it has an empty part ('//')";
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return c == ' ' ? "it contains a space" : "it contains a control character";
            }
            if ("#*,?[]{}".indexOf(c) >= 0) {
                return "it contains '" + c + "'";
            }
        }
        return null;
    }

    /**
     * Refuses a message whose string arguments are not valid UTF-8 (JavaOSC would replace the bad
     * bytes silently or fail), naming the argument. Reads the packet without moving it.
     */
    static void checkStrings(ByteBuffer packet, String address) throws ProtocolException {
        int start = packet.position();
        int limit = packet.limit();
        int tags = start + (address.getBytes(StandardCharsets.UTF_8).length / 4 + 1) * 4;
        if (tags >= limit) {
            return;
        }
        int tagEnd = tags;
        while (tagEnd < limit && packet.get(tagEnd) != 0) {
            tagEnd++;
        }
        int at = tags + ((tagEnd - tags) / 4 + 1) * 4;
        int argument = 0;
        for (int i = tags + 1; i < tagEnd && at <= limit; i++) {
            char tag = (char) packet.get(i);
            if (tag == '[' || tag == ']') {
                continue;
            }
            argument++;
            switch (tag) {
                case 'i', 'f', 'c', 'r', 'm' -> at += 4;
                case 'h', 'd', 't' -> at += 8;
                case 's', 'S' -> {
                    int end = at;
                    while (end < limit && packet.get(end) != 0) {
                        end++;
                    }
                    if (end >= limit) {
                        return;
                    }
                    if (!isUtf8(packet, at, end)) {
                        throw new OscCodec.RefusedMessage(address, address + " argument " + argument
                                + " is text that is not valid UTF-8; send text encoded as UTF-8");
                    }
                    at += ((end - at) / 4 + 1) * 4;
                }
                case 'b' -> {
                    if (at + 4 > limit) {
                        return;
                    }
                    int size = packet.getInt(at);
                    if (size < 0) {
                        return;
                    }
                    at += 4 + ((size + 3) & ~3);
                }
                default -> { }
            }
        }
    }

    private static boolean isUtf8(ByteBuffer packet, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(packet.duplicate().position(from).limit(to));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
