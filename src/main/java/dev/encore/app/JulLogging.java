package dev.encore.app;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up java.util.logging (where SLF4J logs go) for the daemon: one concise line per record on
 * standard output, and the same lines in rotating files under {@code <data>/logs/} so a problem on
 * stage can be read afterwards.
 */
final class JulLogging {
    static final int FILE_BYTES = 5 * 1024 * 1024;
    static final int FILE_COUNT = 5;
    static final String FILE_PATTERN = "encore.%g.log";

    private JulLogging() {
    }

    /** Replaces every root handler with the console and file handlers; returns the log folder. */
    static Path configure(Path dataDir, PrintStream console) throws IOException {
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        Logger root = consoleOnly(console);
        FileHandler file = new FileHandler(logs.resolve(FILE_PATTERN).toString(), FILE_BYTES, FILE_COUNT, true);
        file.setEncoding("UTF-8");
        file.setFormatter(new Line());
        root.addHandler(file);
        return logs;
    }

    /**
     * Replaces every root handler with the console handler alone, for the time before there is a data
     * folder (under a session manager, until it opens a project); returns the root logger.
     */
    static Logger consoleOnly(PrintStream console) {
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof ShutdownProofLogs daemon) {
            daemon.resetForConfiguration();
        } else {
            manager.reset();
        }
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        Handler out = new StreamHandler(unclosable(console), new Line()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        root.addHandler(out);
        return root;
    }

    /**
     * The console as the handler's stream, which a later {@link #configure} (a session manager opening
     * another project) closes with the handler: standard output itself must stay open.
     */
    private static OutputStream unclosable(PrintStream console) {
        return new FilterOutputStream(console) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                console.write(bytes, offset, length);
            }

            @Override
            public void close() {
                console.flush();
            }
        };
    }

    /** {@code 2026-11-24 22:31:05.123 INFO  Daemon: message}, then the stack trace if any. */
    static final class Line extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            StringBuilder text = new StringBuilder(128)
                    .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                    .append(String.format("%-7s", record.getLevel().getName())).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                text.append(trace);
            }
            return text.toString();
        }
    }
}
