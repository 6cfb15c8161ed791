package dev.encore.control;

import dev.encore.session.SwitchPolicy;

/**
 * The {@code session:} section: how switching, arming and the status pushes behave on stage, and how
 * much parameter state a controller may create ({@code /encore/param/<path>}), so that no sender can
 * fill the memory the engine needs.
 */
public record SessionSettings(
        SwitchPolicy switchPolicy,
        Integer armingWindowMs,
        Boolean wrap,
        Integer draftDebounceMs,
        Integer statusDebounceMs,
        Integer maxParams,
        Integer maxParamPathChars,
        Integer maxParamValueBytes) {

    public static final int DEFAULT_MAX_PARAMS = 4096;
    public static final int DEFAULT_MAX_PARAM_PATH_CHARS = 256;
    public static final int DEFAULT_MAX_PARAM_VALUE_BYTES = 8192;

    public SessionSettings {
        switchPolicy = switchPolicy == null ? SwitchPolicy.KEEP_DRAFT : switchPolicy;
        armingWindowMs = armingWindowMs == null ? 3000 : armingWindowMs;
        wrap = wrap == null ? Boolean.FALSE : wrap;
        draftDebounceMs = draftDebounceMs == null ? 500 : draftDebounceMs;
        statusDebounceMs = statusDebounceMs == null ? 50 : statusDebounceMs;
        maxParams = maxParams == null ? DEFAULT_MAX_PARAMS : maxParams;
        maxParamPathChars = maxParamPathChars == null ? DEFAULT_MAX_PARAM_PATH_CHARS : maxParamPathChars;
        maxParamValueBytes = maxParamValueBytes == null ? DEFAULT_MAX_PARAM_VALUE_BYTES : maxParamValueBytes;
    }

    static SessionSettings defaults() {
        return new SessionSettings(null, null, null, null, null, null, null, null);
    }
}
