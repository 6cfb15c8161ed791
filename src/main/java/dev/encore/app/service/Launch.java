package dev.encore.app.service;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command a service manager runs, every path absolute (a service starts in a folder of its own
 * choosing, and a relative path would point somewhere else there). Started through
 * {@code bin/encore} ({@code launcher} set), the service runs that launcher too, so a start at boot
 * uses the start-up archive as a start by hand does; the environment then pins this jar
 * ({@code ENCORE_JAR}) and this Java ({@code JAVA_HOME}). Started as {@code java -jar}, it runs this
 * Java, {@code -jar} and this jar. A null map means the map built into the jar.
 */
public record Launch(Path java, Path jar, Path dataDir, Path mapFile, Path launcher) {
    /** The variable bin/encore sets to its own path, after following links to it. */
    public static final String LAUNCHER_VARIABLE = "ENCORE_LAUNCHER";

    public Launch {
        java = java.toAbsolutePath().normalize();
        jar = jar.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        mapFile = mapFile == null ? null : mapFile.toAbsolutePath().normalize();
        launcher = launcher == null ? null : launcher.toAbsolutePath().normalize();
    }

    /** {@code java -jar jar}, without the launcher. */
    public Launch(Path java, Path jar, Path dataDir, Path mapFile) {
        this(java, jar, dataDir, mapFile, null);
    }

    /**
     * The Java running now and the jar it runs, so the service starts exactly this Encore, through
     * the launcher that started it when there is one.
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
        String started = System.getenv(LAUNCHER_VARIABLE);
        Path launcher = started == null || started.isBlank() || !Files.isExecutable(Path.of(started)) ? null : Path.of(started);
        return new Launch(java, jar, dataDir, mapFile, launcher);
    }

    /** The program and its arguments, in order. */
    public List<String> arguments() {
        List<String> args = launcher != null ? new ArrayList<>(List.of(launcher.toString()))
                : new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        args.add("--data");
        args.add(dataDir.toString());
        if (mapFile != null) {
            args.add("--map");
            args.add(mapFile.toString());
        }
        return args;
    }

    /**
     * What the service's environment must hold: through the launcher, the jar and the Java it is
     * to use (a service's own PATH may find another Java, or none); nothing for {@code java -jar}.
     */
    public Map<String, String> environment() {
        if (launcher == null) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENCORE_JAR", jar.toString());
        Path bin = java.getParent();
        if (bin != null && bin.getParent() != null) {
            env.put("JAVA_HOME", bin.getParent().toString());
        }
        return env;
    }
}
