package dev.encore.control;

import dev.encore.session.EngineBuilder;
import dev.encore.session.EngineSettings;
import dev.encore.session.SwitchPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code session:} section: how switching, arming and the status pushes behave on stage, and how
 * much parameter state a controller may create ({@code /encore/param/<path>}), so that no sender can
 * fill the memory the engine needs; and how much history the store retains (revisions per session,
 * days a deleted session can be brought back; null when the map leaves them out, so the store keeps
 * its own defaults); and the watchdog time after which an engine stuck in one action makes the
 * daemon exit so that its service manager restarts it; and the fixtures {@code /encore/fixture} may
 * select.
 */
public record SessionSettings(
        SwitchPolicy switchPolicy,
        Integer armingWindowMs,
        Boolean wrap,
        Integer draftDebounceMs,
        Integer statusDebounceMs,
        Integer maxParams,
        Integer maxParamPathChars,
        Integer maxParamValueBytes,
        Integer keepRevisions,
        Integer deletedRetentionDays,
        Integer watchdogMs,
        List<String> fixtures) {

    public static final int DEFAULT_MAX_PARAMS = 4096;
    public static final int DEFAULT_MAX_PARAM_PATH_CHARS = 256;
    public static final int DEFAULT_MAX_PARAM_VALUE_BYTES = 8192;
    /** The longest {@code watchdog_ms} the engine takes. */
    public static final int MAX_WATCHDOG_MS = (int) EngineBuilder.MAX_WATCHDOG_MS;

    public SessionSettings {
        switchPolicy = switchPolicy == null ? EngineSettings.DEFAULTS.switchPolicy() : switchPolicy;
        armingWindowMs = armingWindowMs == null ? (int) EngineSettings.DEFAULTS.armingWindowMs() : armingWindowMs;
        wrap = wrap == null ? EngineSettings.DEFAULTS.wrap() : wrap;
        draftDebounceMs = draftDebounceMs == null ? (int) EngineSettings.DEFAULTS.draftDebounceMs() : draftDebounceMs;
        statusDebounceMs = statusDebounceMs == null ? (int) EngineSettings.DEFAULTS.statusDebounceMs() : statusDebounceMs;
        maxParams = maxParams == null ? DEFAULT_MAX_PARAMS : maxParams;
        maxParamPathChars = maxParamPathChars == null ? DEFAULT_MAX_PARAM_PATH_CHARS : maxParamPathChars;
        maxParamValueBytes = maxParamValueBytes == null ? DEFAULT_MAX_PARAM_VALUE_BYTES : maxParamValueBytes;
        watchdogMs = watchdogMs == null ? (int) EngineBuilder.WATCHDOG_MS : watchdogMs;
        fixtures = fixtures == null ? EngineSettings.DEFAULTS.fixtures() : Collections.unmodifiableList(new ArrayList<>(fixtures));
    }

    static SessionSettings defaults() {
        return new SessionSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
