package dev.encore.app.nsm;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.argument.ArgumentHandler;
import com.illposed.osc.argument.handler.Activator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few OSC messages of the NSM protocol to and from bytes, on JavaOSC's parser and serializer
 * with UTF-8 strings. A datagram that is not one OSC message decodes to empty, never an exception.
 * Not thread-safe: its owner serializes access.
 */
final class NsmCodec {
    private static final int MAX_BYTES = 65_536;

    /** One received message: its address and its arguments (String, Integer, Float ...). */
    record Message(String address, List<Object> args) {
        String string(int index) {
            return index < args.size() && args.get(index) instanceof String s ? s : null;
        }
    }

    private final OSCParser parser;
    private final BufferBytesReceiver output = new BufferBytesReceiver(ByteBuffer.allocate(MAX_BYTES));
    private final OSCSerializer serializer;

    @SuppressWarnings({"rawtypes", "unchecked"})
    NsmCodec() {
        Map<String, Object> utf8 = Map.of("charset", StandardCharsets.UTF_8);
        Map<Character, ArgumentHandler> parserTypes = Activator.createParserTypes();
        parserTypes.values().forEach(handler -> handler.setProperties(utf8));
        parser = new OSCParser(parserTypes, utf8);
        List<ArgumentHandler> serializerTypes = Activator.createSerializerTypes();
        serializerTypes.forEach(handler -> handler.setProperties(utf8));
        serializer = new OSCSerializer(serializerTypes, utf8, output);
    }

    byte[] encode(String address, List<Object> args) {
        output.clear();
        try {
            serializer.write(new OSCMessage(address, args));
        } catch (OSCSerializeException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + address + ": " + e.getMessage(), e);
        }
        return output.toByteArray();
    }

    Optional<Message> decode(ByteBuffer datagram) {
        if (datagram.remaining() < 4 || datagram.get(datagram.position()) != '/') {
            return Optional.empty();
        }
        try {
            OSCPacket packet = parser.convert(datagram);
            if (packet instanceof OSCMessage message) {
                return Optional.of(new Message(message.getAddress(), List.copyOf(message.getArguments())));
            }
        } catch (OSCParseException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
