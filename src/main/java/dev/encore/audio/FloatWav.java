package dev.encore.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes PCM as a 32-bit float WAV file (the format separators such as demucs read without
 * loss), streamed from a mapped buffer in blocks.
 */
final class FloatWav {
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int BLOCK_FLOATS = 1 << 16;

    private FloatWav() {
    }

    static void write(Path file, FloatBuffer samples, int sampleRate, int channels) throws IOException {
        FloatBuffer src = samples.duplicate();
        src.rewind();
        long dataBytes = (long) src.remaining() * Float.BYTES;
        if (dataBytes > 0xFFFF_FFFFL - 58) {
            throw new IOException("audio too long for one WAV file");
        }
        ByteBuffer header = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(US_ASCII)).putInt((int) (50 + dataBytes))
                .put("WAVE".getBytes(US_ASCII))
                .put("fmt ".getBytes(US_ASCII)).putInt(18)
                .putShort((short) WAVE_FORMAT_IEEE_FLOAT).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * Float.BYTES).putShort((short) (channels * Float.BYTES))
                .putShort((short) 32).putShort((short) 0)
                .put("fact".getBytes(US_ASCII)).putInt(4).putInt(src.remaining() / channels)
                .put("data".getBytes(US_ASCII)).putInt((int) dataBytes);
        header.flip();
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, header);
            while (src.hasRemaining()) {
                block.clear();
                int n = Math.min(BLOCK_FLOATS, src.remaining());
                FloatBuffer view = block.asFloatBuffer();
                FloatBuffer part = src.slice().limit(n);
                view.put(part);
                src.position(src.position() + n);
                block.limit(n * Float.BYTES);
                writeFully(out, block);
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
