package dev.encore.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/** Data folders with sessions and audio, written through the real store, for command-line tests. */
public final class ShowFolders {
    private ShowFolders() {
    }

    /**
     * Copies a data folder that no Encore holds, as a stagehand would by hand (without its lock file,
     * which belongs to the laptop it was on); returns {@code to}.
     */
    public static Path copyFolder(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("encore.lock")) {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Saves a session named {@code name} with one track per audio blob and a gain, in a store already open. */
    public static void save(SessionStore store, String name, double gain, byte[]... audio) {
        Set<AssetId> assets = new LinkedHashSet<>();
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        snapshot.putObject("params").put("mixer/gain", gain);
        var tracks = snapshot.putArray("tracks");
        for (byte[] a : audio) {
            AssetId id = store.blobs().put(a);
            assets.add(id);
            tracks.addObject().put("pcm", id.hex()).put("fileName", name + "-" + assets.size() + ".wav");
        }
        var existing = store.findByName(name);
        if (existing.isPresent()) {
            store.update(existing.get().id(), snapshot, assets);
        } else {
            store.create(name, snapshot, assets);
        }
    }

    /** Opens the folder, saves the session, closes the folder. */
    public static void save(Path data, String name, double gain, byte[]... audio) {
        try (SessionStore store = SessionStore.open(data)) {
            save(store, name, gain, audio);
        }
    }

    /** {@code n} bytes that look like nothing else (a seed per piece of audio). */
    public static byte[] noise(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
