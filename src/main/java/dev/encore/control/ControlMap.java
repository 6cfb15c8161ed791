package dev.encore.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * osc-map.yaml: how Encore is reached (OSC), how it behaves on stage (session), where media may come
 * from, audio settings, address renames, extra feedback lines, MIDI controllers and the mirror
 * to a backup laptop. {@code control.map} reads and validates it once at start, reporting every
 * problem by file and line; immutable afterwards.
 */
public record ControlMap(
        List<String> include,
        OscSettings osc,
        SessionSettings session,
        List<String> media,
        AudioSettings audio,
        Map<String, List<String>> addresses,
        List<FeedbackLine> feedback,
        MidiSettings midi,
        MirrorSettings mirror) {

    /** The name of the file at the repository root and the classpath resource holding the defaults. */
    public static final String FILE_NAME = "osc-map.yaml";

    public ControlMap {
        include = include == null ? List.of() : List.copyOf(include);
        osc = osc == null ? OscSettings.defaults() : osc;
        session = session == null ? SessionSettings.defaults() : session;
        media = media == null ? List.of() : List.copyOf(media);
        audio = audio == null ? AudioSettings.defaults() : audio;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (addresses != null) {
            addresses.forEach((name, aliases) -> copy.put(name, aliases == null ? List.of() : List.copyOf(aliases)));
        }
        addresses = Collections.unmodifiableMap(copy);
        feedback = feedback == null ? List.of() : List.copyOf(feedback);
        midi = midi == null ? MidiSettings.defaults() : midi;
        mirror = mirror == null ? MirrorSettings.defaults() : mirror;
    }

    /**
     * The canonical {@code /encore/...} address for an incoming address: a renamed address maps to
     * its command, anything else (including the original names, which keep working) is unchanged.
     */
    public String canonicalAddress(String address) {
        for (Map.Entry<String, List<String>> entry : addresses.entrySet()) {
            if (entry.getValue().contains(address)) {
                return Commands.PREFIX + entry.getKey();
            }
        }
        return address;
    }

    /**
     * The command an incoming message runs. Renamed addresses are button-style controls (TouchOSC,
     * Open Stage Control) that send one number: 0 is the release and runs nothing (null is returned);
     * any other value runs the command without arguments, except {@code open}, which takes the value
     * as the setlist position, so a button whose "on" value is 3 opens song 3. A lone boolean works
     * the same way (false is the release). Other messages pass
     * through with their arguments, at their canonical address.
     */
    public ControlCommand translate(ControlCommand incoming) {
        String canonical = canonicalAddress(incoming.address());
        if (canonical.equals(incoming.address())) {
            return incoming;
        }
        List<Object> args = incoming.args();
        if (args.size() == 1 && args.get(0) instanceof Boolean pressed) {
            if (!pressed) {
                return null;
            }
            args = List.of();
        } else if (args.size() == 1 && args.get(0) instanceof Number value) {
            if (value.doubleValue() == 0) {
                return null;
            }
            args = canonical.equals(Commands.PREFIX + "open") ? List.of((int) Math.round(value.doubleValue())) : List.of();
        }
        return new ControlCommand(canonical, args, incoming.origin(), incoming.requestId());
    }


}
