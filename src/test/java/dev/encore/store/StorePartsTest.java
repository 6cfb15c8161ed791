package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's parts get the state, journal and blob store they use, never the store itself, and
 * share its lock: an index image written on its own thread while saves go on holds them all.
 */
class StorePartsTest {
    @TempDir
    Path data;

    @Test
    void noPartOfTheStoreIsBuiltWithTheStoreOrKeepsIt() throws Exception {
        List<String> holders = new ArrayList<>();
        List<Class<?>> parts = storeClasses();
        assertTrue(parts.size() > 30, "the store package's classes were found: " + parts.size());
        for (Class<?> c : parts) {
            if (c == SessionStore.class || c.getEnclosingClass() == SessionStore.class) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == SessionStore.class) {
                    holders.add(c.getSimpleName() + "." + f.getName());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Arrays.asList(k.getParameterTypes()).contains(SessionStore.class)) {
                    holders.add("new " + c.getSimpleName() + "(...)");
                }
            }
        }
        assertEquals(List.of(), holders, "parts of the store that hold the store itself");
    }

    @Test
    void theStoreHasNoFieldItsPackageCanRead() {
        List<String> open = new ArrayList<>();
        for (Field f : SessionStore.class.getDeclaredFields()) {
            int m = f.getModifiers();
            boolean constant = Modifier.isStatic(m) && Modifier.isFinal(m) && Modifier.isPublic(m);
            if (!Modifier.isPrivate(m) && !constant) {
                open.add(f.getName());
            }
        }
        assertEquals(List.of(), open, "fields of SessionStore that other classes can read");
    }

    @Test
    void imagesWrittenWhileSavesGoOnEachHoldAWholeStateAndTheLastHoldsEverySave() throws Exception {
        int saves = Integer.getInteger("encore.test.checkpointSaves", 100);
        StoreOptions options = new StoreOptions(64 * 1024, 60_000, 500, 30);
        Set<Long> imagesSeen = new TreeSet<>();
        SessionId id;
        try (SessionStore store = SessionStore.open(data, Disk.local(), Clock.systemUTC(), options)) {
            id = store.create("Live", gain(0), Set.of()).id();
            AtomicInteger committed = new AtomicInteger();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread saving = new Thread(() -> {
                try {
                    for (int i = 1; i <= saves; i++) {
                        store.update(id, gain(i), Set.of());
                        committed.set(i);
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            saving.start();
            while (saving.isAlive()) {
                store.checkpoint(); // on this thread, while the other one saves
                int atMost = committed.get() + 1; // the save in flight may be committed before the counter says so
                SessionHistory h = IndexImage.newest(data, Disk.local(), new ArrayList<>()).orElseThrow().sessions.get(id);
                int gain = h.current().snapshot().path("gain").asInt();
                assertEquals(h.revisions().size() - 1, gain, "an image's current content and its revisions come from one moment");
                assertTrue(gain <= atMost, "an image holds save " + gain + " before it was made (" + atMost + ")");
                imagesSeen.add((long) gain);
            }
            saving.join();
            assertEquals(null, failed.get());
        }
        assertTrue(!imagesSeen.isEmpty(), "images were written while the saves went on");
        List<String> problems = new ArrayList<>();
        StoreState last = IndexImage.newest(data, Disk.local(), problems).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals(saves + 1, last.sessions.get(id).revisions().size(), "revisions in the last image");
        assertEquals(saves, last.sessions.get(id).current().snapshot().path("gain").asInt(), "the last save is in the last image");
        try (SessionStore again = SessionStore.open(data, Disk.local(), Clock.systemUTC(), options)) {
            assertEquals(saves, again.find(id).orElseThrow().snapshot().path("gain").asInt());
            assertEquals(saves + 1, again.revisions().history(id).size());
        }
    }

    private static ObjectNode gain(int value) {
        return StoreFixtures.JSON.createObjectNode().put("gain", value);
    }

    private static List<Class<?>> storeClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(SessionStore.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/encore/store");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = p.getFileName().toString();
                out.add(Class.forName("dev.encore.store." + name.substring(0, name.length() - ".class".length()), false,
                        StorePartsTest.class.getClassLoader()));
            }
        }
        return out;
    }
}
