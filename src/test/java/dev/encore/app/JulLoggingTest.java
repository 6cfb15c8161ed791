package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JulLoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void defaultLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    /** A session manager opens one project after another: each gets its log, and the console stays open throughout. */
    @Test
    void configuringAgainForTheNextFolderKeepsTheConsoleOpenAndMovesTheFileLog() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Logger log = Logger.getLogger(JulLoggingTest.class.getName());

        JulLogging.consoleOnly(console);
        log.info("before any project");
        JulLogging.configure(dir.resolve("first"), console);
        log.info("in the first project");
        JulLogging.configure(dir.resolve("second"), console);
        log.info("in the second project");
        console.println("printed after the second set-up");
        LogManager.getLogManager().reset();

        String shown = bytes.toString(StandardCharsets.UTF_8);
        for (String line : new String[] {"before any project", "in the first project", "in the second project", "printed after the second set-up"}) {
            assertTrue(shown.contains(line), "console has '" + line + "':\n" + shown);
        }
        assertFalse(console.checkError(), "the console was closed");
        String first = Files.readString(dir.resolve("first/logs/encore.0.log"));
        String second = Files.readString(dir.resolve("second/logs/encore.0.log"));
        assertTrue(first.contains("in the first project") && !first.contains("in the second project"), first);
        assertTrue(second.contains("in the second project") && !second.contains("in the first project"), second);
    }
}
