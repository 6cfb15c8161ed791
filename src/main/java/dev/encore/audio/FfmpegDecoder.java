package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes MP3, FLAC and OGG by running the user's ffmpeg as a child process that writes float32
 * little-endian PCM, already at the engine's rate, to its standard output. ffprobe (when beside
 * it) tells mono from stereo and the duration; without it the audio is decoded as stereo.
 */
final class FfmpegDecoder implements PcmDecoder {
    private static final long PROBE_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Process process;
    private final InputStream out;
    private final ProcessOutput errors;
    private final int channels;
    private final int sampleRate;
    private final long frames;
    private byte[] bytes = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private boolean ended;

    private FfmpegDecoder(Path file, Process process, int channels, int sampleRate, long frames) {
        this.file = file;
        this.process = process;
        this.out = process.getInputStream();
        this.errors = ProcessOutput.drain(process.getErrorStream(), "encore-ffmpeg-stderr");
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.frames = frames;
    }

    static FfmpegDecoder open(Ffmpeg ffmpeg, Path file, int sampleRate) {
        Path program = ffmpeg.require(file.getFileName().toString());
        int[] probed = probe(ffmpeg, file);
        int channels = probed[0] == 1 ? 1 : 2;
        long frames = probed[1] > 0 ? (long) probed[1] * sampleRate / 1000 : -1;
        List<String> command = List.of(program.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-vn", "-f", "f32le", "-ac", Integer.toString(channels), "-ar", Integer.toString(sampleRate), "pipe:1");
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            return new FfmpegDecoder(file, p, channels, sampleRate, frames);
        } catch (IOException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot start ffmpeg (" + program + ") to decode " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** {channels, duration in ms}, zeros when unknown. */
    private static int[] probe(Ffmpeg ffmpeg, Path file) {
        if (ffmpeg.probe().isEmpty()) {
            return new int[2];
        }
        List<String> command = List.of(ffmpeg.probe().get().toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=channels:format=duration", "-of", "default=noprint_wrappers=1", file.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!p.waitFor(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new int[2];
            }
            int[] result = new int[2];
            for (String line : text.split("\\R")) {
                if (line.startsWith("channels=")) {
                    result[0] = parseInt(line.substring(9));
                } else if (line.startsWith("duration=")) {
                    result[1] = (int) Math.min(Integer.MAX_VALUE, Math.round(parseDouble(line.substring(9)) * 1000));
                }
            }
            return result;
        } catch (IOException e) {
            return new int[2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new int[2];
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public int read(float[] interleaved, int maxFrames) {
        if (ended) {
            return -1;
        }
        int frameBytes = channels * Float.BYTES;
        int want = maxFrames * frameBytes;
        if (bytes.length < want) {
            bytes = new byte[want];
            view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        int filled = 0;
        try {
            while (filled < want) {
                int n = out.read(bytes, filled, want - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (IOException e) {
            throw failure("reading ffmpeg's output failed: " + e.getMessage());
        }
        int got = filled / frameBytes;
        if (filled < want) {
            ended = true;
            finish();
        }
        if (got == 0) {
            return -1;
        }
        view.clear();
        view.asFloatBuffer().get(interleaved, 0, got * channels);
        return got;
    }

    private void finish() {
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw failure("ffmpeg exited with code " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while ffmpeg was decoding");
        }
    }

    private EncoreException failure(String what) {
        process.destroyForcibly();
        String tail = errors.tail();
        return new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot decode " + file.getFileName()
                + " (empty, corrupt or not audio): " + what + (tail.isEmpty() ? "." : ": " + tail));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // The process is gone; nothing more is read from it.
        }
    }
}
