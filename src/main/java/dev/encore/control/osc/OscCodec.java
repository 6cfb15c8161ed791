package dev.encore.control.osc;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.argument.ArgumentHandler;
import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCMidiMessage;
import com.illposed.osc.argument.OSCSymbol;
import com.illposed.osc.argument.OSCTimeTag64;
import com.illposed.osc.argument.OSCUnsigned;
import com.illposed.osc.argument.handler.Activator;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns bytes into {@link OscPacket}s and messages into bytes on JavaOSC's parser and serializer.
 * Bundles are split here (bounded nesting, no JavaOSC recursion) and type tags are checked before
 * JavaOSC sees a message, so malformed input is always a {@link ProtocolException}. Not thread-safe:
 * each thread that decodes or encodes owns one.
 */
final class OscCodec {
    static final int MAX_BUNDLE_DEPTH = 8;
    private static final int MAX_ENCODED_BYTES = 65_536;
    private static final byte[] BUNDLE_HEADER = "#bundle\0".getBytes(StandardCharsets.US_ASCII);
    private static final int BUNDLE_PREFIX_BYTES = BUNDLE_HEADER.length + Long.BYTES;

    private final OSCParser parser;
    private final Set<Character> knownTypes;
    private final BufferBytesReceiver output = new BufferBytesReceiver(ByteBuffer.allocate(MAX_ENCODED_BYTES));
    private final OSCSerializer serializer;

    /**
     * Builds JavaOSC's default handlers directly: its builder neither hands properties such as the
     * charset to them nor lets a registered handler replace one, so strings would follow the
     * platform charset and the broken blob reader could not be swapped out.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    OscCodec() {
        Map<String, Object> utf8 = Map.of("charset", StandardCharsets.UTF_8);
        Map<Character, ArgumentHandler> parserTypes = Activator.createParserTypes();
        parserTypes.values().forEach(handler -> handler.setProperties(utf8));
        parserTypes.put('b', new JavaOscBlobHandler());
        parser = new OSCParser(parserTypes, utf8);
        knownTypes = new HashSet<>(parserTypes.keySet());
        List<ArgumentHandler> serializerTypes = Activator.createSerializerTypes();
        serializerTypes.forEach(handler -> handler.setProperties(utf8));
        serializer = new OSCSerializer(serializerTypes, utf8, output);
    }

    /** Decodes one datagram or TCP frame; the buffer's content is copied out, so it may be reused. */
    OscPacket decode(ByteBuffer packet) throws ProtocolException {
        return decode(packet.slice(), 0);
    }

    /** Encodes a message; fails with IllegalArgumentException for a bad address or argument type. */
    byte[] encode(OscPacket.Message message) {
        try {
            serializer.write(new OSCMessage(message.address(), message.args()));
        } catch (OSCSerializeException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + message.address() + ": " + e.getMessage(), e);
        }
        return output.toByteArray();
    }

    private OscPacket decode(ByteBuffer packet, int depth) throws ProtocolException {
        if (isBundle(packet)) {
            return decodeBundle(packet, depth);
        }
        return decodeMessage(packet);
    }

    private static boolean isBundle(ByteBuffer packet) {
        if (packet.remaining() < BUNDLE_HEADER.length) {
            return false;
        }
        for (int i = 0; i < BUNDLE_HEADER.length; i++) {
            if (packet.get(packet.position() + i) != BUNDLE_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    private OscPacket.Bundle decodeBundle(ByteBuffer packet, int depth) throws ProtocolException {
        if (depth >= MAX_BUNDLE_DEPTH) {
            throw new ProtocolException("bundles nested deeper than " + MAX_BUNDLE_DEPTH);
        }
        if (packet.remaining() < BUNDLE_PREFIX_BYTES) {
            throw new ProtocolException("bundle shorter than its header");
        }
        packet.position(packet.position() + BUNDLE_HEADER.length);
        long timeTag = packet.getLong();
        List<OscPacket> elements = new ArrayList<>();
        while (packet.hasRemaining()) {
            if (packet.remaining() < Integer.BYTES) {
                throw new ProtocolException("bundle element size truncated");
            }
            int size = packet.getInt();
            if (size <= 0 || size % 4 != 0 || size > packet.remaining()) {
                throw new ProtocolException("bundle element size " + size + " is not valid here");
            }
            ByteBuffer element = packet.slice().limit(size);
            packet.position(packet.position() + size);
            elements.add(decode(element, depth + 1));
        }
        return new OscPacket.Bundle(timeTag, elements);
    }

    /**
     * A message whose address could be read but whose content Encore cannot take: it is answered
     * with an error naming the address instead of being dropped, so the controller learns why.
     */
    static final class RefusedMessage extends ProtocolException {
        private static final long serialVersionUID = 1L;
        private final String address;

        RefusedMessage(String address, String message) {
            super(message);
            this.address = address;
        }

        String address() {
            return address;
        }
    }

    private OscPacket.Message decodeMessage(ByteBuffer packet) throws ProtocolException {
        String address = checkTypeTags(packet);
        String problem = OscText.addressProblem(address);
        if (problem != null) {
            throw new RefusedMessage(address, "'" + address + "' is not a valid OSC address: " + problem
                    + ". An address is words separated by single '/', without spaces or any of # * , ? [ ] { }");
        }
        OscText.checkStrings(packet, address);
        OSCPacket parsed;
        try {
            parsed = parser.convert(packet);
        } catch (OSCParseException | RuntimeException e) {
            throw new ProtocolException("malformed message: " + e);
        }
        if (!(parsed instanceof OSCMessage message)) {
            throw new ProtocolException("not an OSC message");
        }
        List<Object> args = new ArrayList<>(message.getArguments().size());
        for (Object arg : message.getArguments()) {
            args.add(plain(arg));
        }
        return new OscPacket.Message(message.getAddress(), args);
    }

    /**
     * Rejects what JavaOSC would only log about or trip over: unknown tags, nested or unclosed
     * arrays. Returns the address (invalid UTF-8 shown as U+FFFD), for an error reply.
     */
    private String checkTypeTags(ByteBuffer packet) throws ProtocolException {
        int start = packet.position();
        int limit = packet.limit();
        if (limit - start < 4 || packet.get(start) != '/') {
            throw new ProtocolException("no OSC address at the start");
        }
        int end = start;
        while (end < limit && packet.get(end) != 0) {
            end++;
        }
        int tags = start + ((end - start) / 4 + 1) * 4;
        if (end >= limit || tags > limit) {
            throw new ProtocolException("address not terminated");
        }
        byte[] addressBytes = new byte[end - start];
        packet.get(start, addressBytes);
        String address = new String(addressBytes, StandardCharsets.UTF_8);
        if (tags == limit) {
            return address;
        }
        if (packet.get(tags) != ',') {
            throw new RefusedMessage(address, address + " has no type tag string after its address; "
                    + "an OSC message is the address, then ',' and one type letter per argument");
        }
        int depth = 0;
        for (int i = tags + 1; i < limit && packet.get(i) != 0; i++) {
            char tag = (char) packet.get(i);
            if (tag == '[') {
                depth++;
            } else if (tag == ']') {
                depth--;
            } else if (!knownTypes.contains(tag)) {
                throw new RefusedMessage(address, address + " has the unknown OSC type tag '" + tag
                        + "'; Encore takes i, h, f, d, s, S, c, T, F and b arguments");
            }
            if (depth < 0 || depth > 1) {
                throw new RefusedMessage(address, address + " has nested or unbalanced arrays in its type tags;"
                        + " Encore takes no arrays");
            }
        }
        if (depth != 0) {
            throw new RefusedMessage(address, address + " has an unclosed array in its type tags; Encore takes no arrays");
        }
        return address;
    }

    private static Object plain(Object arg) {
        if (arg instanceof Integer || arg instanceof Long || arg instanceof Float || arg instanceof Double
                || arg instanceof String || arg instanceof Boolean || arg instanceof byte[]) {
            return arg;
        }
        if (arg instanceof OSCSymbol symbol) {
            return symbol.toString();
        }
        if (arg instanceof Character character) {
            return String.valueOf(character);
        }
        if (arg instanceof OSCUnsigned unsigned) {
            return unsigned.toLong();
        }
        if (arg == null) {
            return new OscPacket.Unsupported("nil (type N)");
        }
        if (arg instanceof List) {
            return new OscPacket.Unsupported("array ([ ])");
        }
        if (arg instanceof OSCMidiMessage) {
            return new OscPacket.Unsupported("MIDI message (type m)");
        }
        if (arg instanceof OSCColor) {
            return new OscPacket.Unsupported("colour (type r)");
        }
        if (arg instanceof OSCTimeTag64) {
            return new OscPacket.Unsupported("time tag (type t)");
        }
        if (arg instanceof OSCImpulse) {
            return new OscPacket.Unsupported("impulse (type I)");
        }
        return new OscPacket.Unsupported("argument of an unknown type");
    }
}
