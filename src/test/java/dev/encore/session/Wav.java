package dev.encore.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes real 16-bit stereo WAV files through Java Sound: a centred voice-like tone over a wide bass. */
final class Wav {
    private Wav() {
    }

    static Path stereo(Path file, int rate, double seconds) throws IOException {
        int frames = (int) Math.round(rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double voice = 0.3 * Math.sin(2 * Math.PI * 440 * i / rate);
            double bass = 0.2 * Math.sin(2 * Math.PI * 110 * i / rate);
            pcm.putShort((short) Math.round((voice + bass) * Short.MAX_VALUE));
            pcm.putShort((short) Math.round((voice - bass) * Short.MAX_VALUE));
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
