package dev.encore.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session as the performer saved it: its name and its parameters ({@code /encore/param/<path>}
 * values, in OSC types). {@link #described()} is how the test compares it with what comes back.
 */
record Song(String name, Map<String, List<Object>> params) {
    Song {
        params = new LinkedHashMap<>(params);
    }

    /** Song {@code i} of a numbered set: a float and a string parameter, different for every song. */
    static Song numbered(int i) {
        Map<String, List<Object>> params = new LinkedHashMap<>();
        params.put("mix/gain", List.of(i / 1000f + 0.125f));
        params.put("scene/title", List.of("song " + i));
        return new Song(String.format("Song %03d", i), params);
    }

    /** The same session saved again with other values: a newer revision of it. */
    Song revised() {
        Map<String, List<Object>> changed = new LinkedHashMap<>();
        params.forEach((path, values) -> changed.put(path, values.stream()
                .map(v -> v instanceof Float f ? (Object) (f + 0.5f) : v instanceof String s ? s + ", take 2" : v)
                .toList()));
        return new Song(name, changed);
    }

    static List<Song> numbered(int count, int from) {
        List<Song> songs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            songs.add(numbered(i));
        }
        return songs;
    }

    /** Every parameter as OSC type tag and value, e.g. {@code mix/gain=[f:0.5]}, {@code clip=[b:[1, 2, 3]]}. */
    Map<String, List<String>> described() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((path, values) -> out.put(path, describe(values)));
        return out;
    }

    static List<String> describe(List<Object> values) {
        return values.stream().map(Song::describe).toList();
    }

    /** One OSC value with its type tag, so that a blob and the string of its base64 never look alike. */
    static String describe(Object value) {
        if (value instanceof Float f) {
            return "f:" + f;
        } else if (value instanceof Integer i) {
            return "i:" + i;
        } else if (value instanceof String s) {
            return "s:" + s;
        } else if (value instanceof byte[] b) {
            return "b:" + Arrays.toString(b);
        } else if (value instanceof Double d) {
            return "d:" + d;
        } else if (value instanceof Long l) {
            return "h:" + l;
        } else if (value instanceof Boolean b) {
            return b ? "T" : "F";
        }
        return "?:" + value;
    }
}
