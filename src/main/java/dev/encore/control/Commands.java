package dev.encore.control;

import java.util.List;

/**
 * The command names of docs/protocol.md, as osc-map.yaml writes them: the address without
 * {@code /encore/}. Bindings and address renames must name one of these (or {@code param/<path>}).
 */
public final class Commands {
    /** The prefix every canonical command address starts with. */
    public static final String PREFIX = "/encore/";

    /**
     * The version of the protocol docs/protocol.md describes, sent with every {@code /encore/pong};
     * it changes only when an address, argument or reply changes its meaning or goes away.
     */
    public static final int PROTOCOL_VERSION = 1;

    /** Every command a controller may send. */
    public static final List<String> NAMES = List.of(
            "save", "save_copy", "open", "next", "prev", "rename", "delete", "delete/confirm", "revert",
            "revert/confirm", "move", "list",
            "sync", "check", "ping", "subscribe", "unsubscribe", "fixture", "fixtures", "track/import", "track/cancel", "track/trim",
            "track/remove", "stems/mode", "history", "undo", "redo", "undelete", "export", "import", "takeover");

    private static final String PARAM = "param/";

    private Commands() {
    }

    /** True for a known command name or a parameter path such as {@code param/mix/volume}. */
    public static boolean isCommand(String name) {
        return NAMES.contains(name) || isParam(name);
    }

    /**
     * Arguments as OSC sends them: YAML decimals (doubles) become 32-bit floats, which every OSC
     * controller reads, where a 64-bit double is often ignored; other values are unchanged.
     */
    static List<Object> oscValues(List<Object> args) {
        if (args == null) {
            return List.of();
        }
        return args.stream().map(a -> a instanceof Double d ? (Object) d.floatValue() : a).toList();
    }

    /** True for {@code param/<path>} with a non-empty path. */
    public static boolean isParam(String name) {
        return name.startsWith(PARAM) && name.length() > PARAM.length() && !name.endsWith("/");
    }
}
