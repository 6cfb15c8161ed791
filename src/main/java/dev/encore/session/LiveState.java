package dev.encore.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The performance as it is now: parameters, selected fixture, tracks and stem overlay, changed by
 * the host and by controllers from any thread. Numeric parameters go through {@link ParamHandle}s
 * (O(1), lock-free, no allocation); everything else is published as immutable values. Every change
 * keeps the {@link Signature} up to date and bumps a version counter, which is all the engine
 * thread needs to notice a change: nothing is serialized or compared per change.
 */
public final class LiveState {
    private final ConcurrentHashMap<String, ParamHandle> numeric = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, JsonNode> other = new ConcurrentHashMap<>();
    private final AtomicReference<Scene> scene = new AtomicReference<>(Scene.EMPTY);
    private final AtomicLong signature = new AtomicLong(Scene.EMPTY.hash());
    private final AtomicLong version = new AtomicLong();

    /**
     * The slot for a numeric parameter; get it once per path and keep it (this call may allocate).
     *
     * @param path the parameter's path, such as {@code /mix/gain}
     * @return the same handle for every call with this path
     * @throws EncoreException BAD_ARGUMENTS when the path is empty
     */
    public ParamHandle param(String path) {
        if (path == null || path.isBlank()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A parameter needs a non-empty path.");
        }
        return numeric.computeIfAbsent(path, p -> new ParamHandle(p, this));
    }

    /**
     * Sets any parameter value: numbers go to the numeric slot, strings, booleans and multi-value
     * arrays are kept as immutable JSON. A null or JSON null value removes the parameter.
     *
     * @param path the parameter's path
     * @param value the new value, copied; null removes it
     */
    public void setParam(String path, JsonNode value) {
        ParamHandle h = param(path);
        if (value == null || value.isNull() || value.isMissingNode()) {
            h.clear();
            dropText(h);
        } else if (value.isNumber()) {
            h.set(value.doubleValue());
        } else {
            JsonNode copy = value.deepCopy();
            JsonNode old = other.put(path, copy);
            h.shadowed = true;
            changed(Signature.param(h.pathHash(), copy) - (old == null ? 0 : Signature.param(h.pathHash(), old)));
            h.clear();
        }
    }

    /**
     * How many parameter paths the live state holds slots for (set, or set once).
     *
     * @return the number of paths
     */
    public int paramCount() {
        return numeric.size();
    }

    /**
     * Whether the live state already has a slot for a path.
     *
     * @param path the parameter's path
     * @return true when {@link #param} was called for it
     */
    public boolean hasParam(String path) {
        return numeric.containsKey(path);
    }

    /**
     * The parameter's current value as JSON.
     *
     * @param path the parameter's path
     * @return the value, or null when it is not set
     */
    public JsonNode paramValue(String path) {
        JsonNode text = other.get(path);
        if (text != null) {
            return text;
        }
        ParamHandle h = numeric.get(path);
        return h != null && h.isSet() ? DoubleNode.valueOf(h.get()) : null;
    }

    /**
     * The published fixture, tracks and stem overlay; immutable, safe to read from the audio thread.
     *
     * @return the scene as it is now
     */
    public Scene scene() {
        return scene.get();
    }

    /**
     * Selects the fixture (the track set-up the host plays).
     *
     * @param fixtureId the fixture's id, or null for none
     */
    public void selectFixture(String fixtureId) {
        updateScene(s -> new Scene(fixtureId, s.tracks(), s.stems()));
    }

    /**
     * Adds a track whose audio is already in the blob store; tracks enter the live state only this way.
     *
     * @param track the track, its PCM and stems written to {@link SessionEngine#blobs()}
     */
    public void addTrack(Track track) {
        updateScene(s -> {
            List<Track> tracks = new ArrayList<>(s.tracks());
            tracks.add(track);
            return new Scene(s.fixture(), tracks, s.stems());
        });
    }

    /**
     * Replaces a track, for example with new stems or a new trim.
     *
     * @param index the track's 0-based index
     * @param change makes the new track from the old one
     * @throws EncoreException BAD_ARGUMENTS when there is no such track
     */
    public void replaceTrack(int index, UnaryOperator<Track> change) {
        updateScene(s -> {
            List<Track> tracks = new ArrayList<>(s.tracks());
            checkIndex(index, tracks.size());
            tracks.set(index, change.apply(tracks.get(index)));
            return new Scene(s.fixture(), tracks, s.stems());
        });
    }

    /**
     * Sets a track's trim window (kept within the track's duration).
     *
     * @param index the track's 0-based index
     * @param trim the part of the track that plays
     */
    public void trimTrack(int index, Trim trim) {
        replaceTrack(index, t -> t.withTrim(trim));
    }

    /**
     * Removes a track from the live state (its audio stays in the blob store while a record uses it).
     *
     * @param index the track's 0-based index
     */
    public void removeTrack(int index) {
        updateScene(s -> {
            List<Track> tracks = new ArrayList<>(s.tracks());
            checkIndex(index, tracks.size());
            tracks.remove(index);
            return new Scene(s.fixture(), tracks, s.stems());
        });
    }

    /**
     * Sets the stem overlay: which stem plays (the source mode) and at what level.
     *
     * @param stems the overlay
     */
    public void setStems(StemOverlay stems) {
        updateScene(s -> new Scene(s.fixture(), s.tracks(), stems));
    }

    /**
     * Builds an immutable snapshot of everything; allocates, so the engine thread calls it, not the audio thread.
     *
     * @return parameters, fixture, tracks and stem overlay as they are now
     */
    public Snapshot snapshot() {
        Map<String, JsonNode> params = new TreeMap<>();
        for (ParamHandle h : numeric.values()) {
            if (h.isSet()) {
                params.put(h.path(), DoubleNode.valueOf(h.get()));
            }
        }
        params.putAll(other);
        Scene s = scene.get();
        return new Snapshot(params, s.fixture(), s.tracks(), s.stems());
    }

    /**
     * The incrementally kept signature; equal to {@code Signature.of(snapshot())} when no change is under way.
     *
     * @return the 64-bit signature
     */
    public long signature() {
        return signature.get();
    }

    /**
     * Counts changes; the engine compares it with the last value it saw to notice activity.
     *
     * @return the number of changes so far
     */
    public long version() {
        return version.get();
    }

    /** Makes the live state equal to {@code s}; parameter handles stay valid. Engine thread only. */
    void replace(Snapshot s) {
        for (ParamHandle h : numeric.values()) {
            JsonNode v = s.params().get(h.path());
            if (v == null || !v.isNumber()) {
                h.clear();
            }
        }
        for (String path : List.copyOf(other.keySet())) {
            JsonNode v = s.params().get(path);
            if (v == null || v.isNumber()) {
                dropText(param(path));
            }
        }
        s.params().forEach(this::setParam);
        updateScene(old -> Scene.of(s));
    }

    /** The snapshot as the live state holds it: numbers as doubles, so it compares equal after a round trip. */
    static Snapshot normalize(Snapshot s) {
        Map<String, JsonNode> params = new TreeMap<>();
        s.params().forEach((k, v) -> {
            if (v != null && !v.isNull() && !v.isMissingNode()) {
                params.put(k, v.isNumber() ? DoubleNode.valueOf(v.doubleValue()) : v);
            }
        });
        return new Snapshot(params, s.fixture(), s.tracks(), s.stems());
    }

    void changed(long signatureDelta) {
        signature.addAndGet(signatureDelta);
        version.incrementAndGet();
    }

    void dropText(ParamHandle h) {
        h.shadowed = false;
        JsonNode old = other.remove(h.path());
        if (old != null) {
            changed(-Signature.param(h.pathHash(), old));
        }
    }

    private void updateScene(UnaryOperator<Scene> change) {
        while (true) {
            Scene old = scene.get();
            Scene next = change.apply(old);
            if (scene.compareAndSet(old, next)) {
                if (!next.equals(old)) {
                    changed(next.hash() - old.hash());
                }
                return;
            }
        }
    }

    private static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "No track " + index + ": the live state has " + size + " track(s), numbered from 0.");
        }
    }
}
