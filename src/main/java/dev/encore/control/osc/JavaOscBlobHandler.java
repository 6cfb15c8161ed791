package dev.encore.control.osc;

import com.illposed.osc.BytesReceiver;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.argument.ArgumentHandler;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Reads OSC blobs into byte arrays. JavaOSC 0.8's own blob reader leaves the read position before
 * the blob's bytes, so every argument after a blob came out as garbage; this one moves past them.
 */
final class JavaOscBlobHandler implements ArgumentHandler<byte[]> {

    @Override
    public char getDefaultIdentifier() {
        return 'b';
    }

    @Override
    public Class<byte[]> getJavaClass() {
        return byte[].class;
    }

    @Override
    public void setProperties(Map<String, Object> properties) {
        // Blobs are raw bytes: no charset or other property applies.
    }

    @Override
    public boolean isMarkerOnly() {
        return false;
    }

    @Override
    public JavaOscBlobHandler clone() {
        return new JavaOscBlobHandler();
    }

    @Override
    public byte[] parse(ByteBuffer input) throws OSCParseException {
        if (input.remaining() < Integer.BYTES) {
            throw new OSCParseException("blob length missing", input);
        }
        int length = input.getInt();
        if (length < 0 || length > input.remaining()) {
            throw new OSCParseException("blob length " + length + " exceeds the packet", input);
        }
        byte[] bytes = new byte[length];
        input.get(bytes);
        OSCParser.align(input);
        return bytes;
    }

    @Override
    public void serialize(BytesReceiver output, byte[] value) {
        output.put(ByteBuffer.allocate(Integer.BYTES).putInt(0, value.length).array());
        output.put(value);
        OSCSerializer.align(output);
    }
}
