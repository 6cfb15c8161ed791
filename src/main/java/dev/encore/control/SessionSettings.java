package dev.encore.control;

import dev.encore.session.SwitchPolicy;

/** The {@code session:} section: how switching, arming and the status pushes behave on stage. */
public record SessionSettings(
        SwitchPolicy switchPolicy,
        Integer armingWindowMs,
        Boolean wrap,
        Integer draftDebounceMs,
        Integer statusDebounceMs) {

    public SessionSettings {
        switchPolicy = switchPolicy == null ? SwitchPolicy.KEEP_DRAFT : switchPolicy;
        armingWindowMs = armingWindowMs == null ? 3000 : armingWindowMs;
        wrap = wrap == null ? Boolean.FALSE : wrap;
        draftDebounceMs = draftDebounceMs == null ? 500 : draftDebounceMs;
        statusDebounceMs = statusDebounceMs == null ? 50 : statusDebounceMs;
    }

    static SessionSettings defaults() {
        return new SessionSettings(null, null, null, null, null);
    }
}
