package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages and the shell completion are generated from the same model as --help, so they name every command and flag. */
class CommandLineDocsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandGetsAManPageAndTheCompletionKnowsEveryCommandAndFlag() throws IOException {
        CommandLineDocs.generate(dir);
        for (String command : List.of("list", "history", "check", "export", "import", "gc", "send", "midi-devices", "check-map", "rebuild",
                "mirror-key")) {
            Path page = dir.resolve("man").resolve("encore-" + command + ".adoc");
            assertTrue(Files.isRegularFile(page), page + " exists");
            assertTrue(Files.readString(page).contains("--data") || command.equals("midi-devices") || command.equals("check-map")
                    || command.equals("mirror-key") && Files.readString(page).contains("--check"), page.toString());
        }
        for (String command : List.of("install", "uninstall", "status")) {
            Path page = dir.resolve("man").resolve("encore-service-" + command + ".adoc");
            assertTrue(Files.isRegularFile(page) && Files.readString(page).contains("--user"), page + " exists and names --user");
        }
        String top = Files.readString(dir.resolve("man").resolve("encore.adoc"));
        assertTrue(top.contains(":doctype: manpage") && top.contains("--osc-port"), top);
        String completion = Files.readString(dir.resolve("encore_completion"));
        for (String word : List.of("export", "import", "--history", "--osc-port", "--dry-run")) {
            assertTrue(completion.contains(word), word + " completes");
        }
    }
}
