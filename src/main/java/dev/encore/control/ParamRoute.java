package dev.encore.control;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.session.LiveState;
import dev.encore.session.ParamHandle;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code /encore/param/<path>}: sets a parameter of the live state at once (one number through a
 * cached handle, so a moving fader neither allocates nor looks up its path), or sends its value
 * back when the command has no arguments; within the map's limits on paths, values and their
 * number. Runs on the listener thread, never on the engine's.
 */
final class ParamRoute {
    /** Parameter handles cached per address; beyond this many, handles are looked up each time. */
    static final int MAX_CACHED_PARAMS = 4096;
    private static final Reply PARAM_SET = new Reply.Ok("set");
    private static final String PARAM_PREFIX = OscFeedback.PARAM_ADDRESS + "/";

    private final LiveState live;
    private final SessionSettings limits;
    private final ReplyChannel direct;
    private final ConcurrentHashMap<String, ParamHandle> handles = new ConcurrentHashMap<>();

    ParamRoute(LiveState live, SessionSettings limits, ReplyChannel direct) {
        this.live = live;
        this.limits = limits;
        this.direct = direct;
    }

    /** {@code /encore/param/<path>} with a non-empty path; checked without allocating, as faders send many. */
    static boolean isParam(String address) {
        return address.startsWith(PARAM_PREFIX) && address.length() > PARAM_PREFIX.length() && !address.endsWith("/");
    }

    void handle(ControlCommand command, Consumer<Reply> reply) {
        String address = command.address();
        List<Object> args = command.args();
        if (address.length() - OscFeedback.PARAM_ADDRESS.length() > limits.maxParamPathChars()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "A parameter path can have at most "
                    + limits.maxParamPathChars() + " characters; this one has "
                    + (address.length() - OscFeedback.PARAM_ADDRESS.length()) + ". Nothing was set; use a shorter path"
                    + " (or raise session.max_param_path_chars in osc-map.yaml).");
        }
        if (args.size() == 1 && args.get(0) instanceof Number n) {
            handle(address).set(n.doubleValue());
            reply.accept(PARAM_SET);
            return;
        }
        String path = address.substring(OscFeedback.PARAM_ADDRESS.length());
        if (!args.isEmpty()) {
            long bytes = ParamLimits.valueBytes(args);
            if (bytes > limits.maxParamValueBytes()) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, address + " sent a value of " + bytes
                        + " bytes; a parameter value can have at most " + limits.maxParamValueBytes()
                        + ". Nothing was set; send less (or raise session.max_param_value_bytes in osc-map.yaml).");
            }
            refuseNewPathWhenFull(path);
        }
        if (args.isEmpty()) {
            var value = live.paramValue(path);
            if (value == null) {
                reply.accept(new Reply.Ok("'" + path + "' is not set"));
                return;
            }
            List<Object> values = ParamValues.toOsc(value);
            direct.send(command.origin(), address, values);
            reply.accept(new Reply.Ok("'" + path + "' sent", values));
            return;
        }
        try {
            live.setParam(path, ParamValues.fromOsc(args));
        } catch (IllegalArgumentException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, address + " takes one or more values; " + e.getMessage() + ".");
        }
        reply.accept(PARAM_SET);
    }

    /** The parameter's handle, cached by address so a moving fader neither allocates nor looks up the path. */
    private ParamHandle handle(String address) {
        ParamHandle cached = handles.get(address);
        if (cached != null) {
            return cached;
        }
        String path = address.substring(OscFeedback.PARAM_ADDRESS.length());
        refuseNewPathWhenFull(path);
        ParamHandle handle = live.param(path);
        if (handles.size() < MAX_CACHED_PARAMS) {
            handles.putIfAbsent(address, handle);
        }
        return handle;
    }

    /** Refuses a parameter path the live state does not hold yet once it holds the most the map allows. */
    private void refuseNewPathWhenFull(String path) {
        if (live.paramCount() >= limits.maxParams() && !live.hasParam(path)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "The live state already holds " + limits.maxParams()
                    + " parameters, the most session.max_params in osc-map.yaml allows; '" + path + "' was not set."
                    + " Set parameters that exist, or raise max_params.");
        }
    }
}
