package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.it.EncoreJar.Finished;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parameter comes back with the OSC type and value it was saved with, whichever way the store reopens. */
class TypedParametersIT {
    @TempDir
    Path dir;

    private static Song typed() {
        Map<String, List<Object>> params = new LinkedHashMap<>();
        params.put("clip/data", List.of(new byte[] {1, 2, 3}));
        params.put("fx/feedback", List.of(Float.NaN));
        params.put("fx/ceiling", List.of(Float.POSITIVE_INFINITY));
        params.put("mix/gain", List.of(0.5f));
        return new Song("Typed", params);
    }

    @Test
    void blobNanAndInfinityComeBackWithTheirOscTypesAfterKill9AndAfterRebuild() throws Exception {
        List<Song> songs = List.of(typed());
        var saved = JarStage.saved(songs);
        Map<String, Map<String, List<String>>> afterKill;
        Map<String, Map<String, List<String>>> afterRebuild;
        Finished rebuild;
        try (JarStage stage = new JarStage(dir.resolve("kill"))) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            assertEquals(saved, stage.found(songs), "the values as the running daemon holds them");
            daemon.kill();
            try (DaemonProcess again = stage.start()) {
                afterKill = stage.found(songs);
                again.stop();
            }
        }
        try (JarStage stage = new JarStage(dir.resolve("rebuild"))) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            daemon.stop();
            rebuild = stage.rebuild();
            try (DaemonProcess again = stage.start()) {
                afterRebuild = stage.found(songs);
                again.stop();
            }
        }
        assertAll("blob, NaN and +Infinity parameters",
                () -> assertEquals(saved, afterKill, "after kill -9 and a start"),
                () -> assertEquals(0, rebuild.exitCode(), rebuild.toString()),
                () -> assertEquals(saved, afterRebuild, "after a clean stop, --rebuild and a start"));
    }
}
