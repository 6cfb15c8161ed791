package dev.encore.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status words controllers receive are the ones README's push table promises, every one of them. */
class StatusTest {
    @Test
    void everyStatusGoesOutAsTheWordReadmesPushTableNames() throws IOException {
        String row = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("| `/encore/status` |")).findFirst().orElseThrow();
        String words = row.substring(row.indexOf("`s:") + 3, row.indexOf('`', row.indexOf("`s:") + 1));
        List<String> promised = Arrays.asList(words.split("\\\\\\|"));
        assertEquals(promised, Arrays.stream(Status.values()).map(Status::wireName).toList());
        assertTrue(promised.contains("saved") && promised.contains("error"), promised.toString());
    }
}
