package dev.encore.app.service;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command a service manager runs: this Java, {@code -jar} and this jar, the data folder and the
 * map, every path absolute (a service starts in a folder of its own choosing, and a relative path
 * would point somewhere else there). A null map means the map built into the jar.
 */
public record Launch(Path java, Path jar, Path dataDir, Path mapFile) {
    public Launch {
        java = java.toAbsolutePath().normalize();
        jar = jar.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        mapFile = mapFile == null ? null : mapFile.toAbsolutePath().normalize();
    }

    /**
     * The Java running now and the jar it runs, so the service starts exactly this Encore.
     *
     * @throws EncoreException GENERAL when Encore is not running from its jar (from classes in an IDE)
     */
    public static Launch ofThisJar(Path dataDir, Path mapFile) {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        Path jar;
        try {
            jar = Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new EncoreException(Reason.GENERAL, "Cannot tell which encore.jar is running: " + e.getMessage()
                    + ". Run the service command through bin/encore or java -jar encore.jar.");
        }
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            throw new EncoreException(Reason.GENERAL, "Encore is running from " + jar + ", not from its jar, so a service"
                    + " could not start it. Build it (mvn -B -q -DskipTests package) and run: bin/encore service install.");
        }
        return new Launch(java, jar, dataDir, mapFile);
    }

    /** The program and its arguments, in order. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "--data", dataDir.toString()));
        if (mapFile != null) {
            args.add("--map");
            args.add(mapFile.toString());
        }
        return args;
    }
}
