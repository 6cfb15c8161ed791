package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes MP3, FLAC and OGG by running the user's ffmpeg as a child process that writes float32
 * little-endian PCM, already at the engine's rate, to its standard output. ffmpeg never opens the
 * file by its path (which could meanwhile name a pipe or another file): it reads the file Encore
 * opened and checked, fed to its standard input. Its output is read within the import's read
 * timeout, and the import's {@link ReadWatch} kills it (and anything it started) when the import is
 * cancelled, stalls or Encore stops. ffprobe (when beside it) tells mono from stereo and the
 * duration within the same timeout; without it the audio is decoded as stereo.
 */
final class FfmpegDecoder extends PcmDecoder {
    private final Path file;
    private final Process process;
    private final ReadWatch watch;
    private final InputStream out;
    private final ProcessOutput errors;
    private final long frames;
    private byte[] bytes = new byte[0];
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private boolean ended;

    private FfmpegDecoder(Path file, Process process, ReadWatch watch, int channels, int sampleRate, long frames) {
        super(channels, sampleRate);
        this.file = file;
        this.process = process;
        this.watch = watch;
        this.out = process.getInputStream();
        this.errors = ProcessOutput.drain(process.getErrorStream(), "encore-ffmpeg-stderr");
        this.frames = frames;
    }

    static FfmpegDecoder open(Ffmpeg ffmpeg, Path file, FileChannel channel, ReadWatch watch, int sampleRate) {
        Path program = ffmpeg.require(file.getFileName().toString());
        int[] probed = probe(ffmpeg, file, channel, watch);
        int channels = probed[0] == 1 ? 1 : 2;
        long frames = probed[1] > 0 ? (long) probed[1] * sampleRate / 1000 : -1;
        List<String> command = List.of(program.toString(), "-v", "error", "-i", "pipe:0",
                "-vn", "-f", "f32le", "-ac", Integer.toString(channels), "-ar", Integer.toString(sampleRate), "pipe:1");
        Process p = start(command, false, file, watch);
        feed(p, new WatchedInput(file, channel, watch));
        return new FfmpegDecoder(file, p, watch, channels, sampleRate, frames);
    }

    /** Starts {@code command}; {@code watch} kills it (and what it started) when it stops the import. */
    private static Process start(List<String> command, boolean mergeErrors, Path file, ReadWatch watch) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(mergeErrors).start();
        } catch (IOException e) {
            throw new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot start " + command.get(0) + " to decode "
                    + file.getFileName() + ": " + e.getMessage(), e);
        }
        watch.onStop(() -> kill(p));
        return p;
    }

    /** Copies the opened file into the process's standard input on a daemon thread, then closes it. */
    private static void feed(Process p, InputStream source) {
        Thread feeder = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try (OutputStream in = p.getOutputStream()) {
                int n;
                while ((n = source.read(buf, 0, buf.length)) > 0) {
                    in.write(buf, 0, n);
                }
            } catch (IOException | EncoreException e) {
                // The process stopped reading (it ended, failed or was killed): its exit and output say why.
            }
        }, "encore-ffmpeg-input");
        feeder.setDaemon(true);
        feeder.start();
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** {channels, duration in ms}, zeros when unknown or when ffprobe does not answer within the read timeout. */
    private static int[] probe(Ffmpeg ffmpeg, Path file, FileChannel channel, ReadWatch watch) {
        if (ffmpeg.probe().isEmpty()) {
            return new int[2];
        }
        List<String> command = List.of(ffmpeg.probe().get().toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=channels:format=duration", "-of", "default=noprint_wrappers=1", "pipe:0");
        Process p = start(command, true, file, watch);
        ProcessOutput text = ProcessOutput.drain(p.getInputStream(), "encore-ffprobe-output");
        feed(p, new WatchedInput(file, channel, watch));
        try {
            if (!p.waitFor(watch.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                return new int[2];
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw watch.explain(new EncoreException(Reason.BUSY, "The import of " + file.getFileName() + " was stopped."));
        }
        int[] result = new int[2];
        for (String line : text.tail().split("\\R")) {
            if (line.startsWith("channels=")) {
                result[0] = parseInt(line.substring(9));
            } else if (line.startsWith("duration=")) {
                result[1] = (int) Math.min(Integer.MAX_VALUE, Math.round(parseDouble(line.substring(9)) * 1000));
            }
        }
        return result;
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
    long frames() {
        return frames;
    }

    @Override
    int read(float[] interleaved, int maxFrames) {
        if (ended) {
            return -1;
        }
        int frameBytes = channels() * Float.BYTES;
        int want = maxFrames * frameBytes;
        if (bytes.length < want) {
            bytes = new byte[want];
            view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        int filled = 0;
        try {
            while (filled < want) {
                watch.readBegins();
                int n;
                try {
                    n = out.read(bytes, filled, want - filled);
                } finally {
                    watch.readEnded();
                }
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
            // The output ended: because the watch stopped ffmpeg (its reason is the answer), or by itself.
            watch.throwIfStopped();
            finish();
        }
        if (got == 0) {
            return -1;
        }
        view.clear();
        view.asFloatBuffer().get(interleaved, 0, got * channels());
        return got;
    }

    private void finish() {
        try {
            if (!process.waitFor(watch.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("ffmpeg closed its output but did not exit within " + watch.timeout().toSeconds() + " s");
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw failure("ffmpeg exited with code " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while ffmpeg was decoding");
        }
    }

    /** Why the decode failed: the watch's reason when it stopped ffmpeg, else what ffmpeg said. */
    private EncoreException failure(String what) {
        kill(process);
        String tail = errors.tail();
        return watch.explain(new EncoreException(Reason.UNSUPPORTED_AUDIO, "Cannot decode " + file.getFileName()
                + " (empty, corrupt or not audio): " + what + (tail.isEmpty() ? "." : ": " + tail)));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(process);
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // The process is gone; nothing more is read from it.
        }
    }
}
