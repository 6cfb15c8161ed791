package dev.encore.session;

import java.util.List;

/** Engine settings at their defaults but for the one or two values an engine test is about. */
final class Settings {
    private static final EngineSettings D = EngineSettings.DEFAULTS;

    private Settings() {
    }

    static EngineSettings policy(SwitchPolicy p) {
        return of(p, D.wrap(), D.draftDebounceMs(), D.fixtures());
    }

    static EngineSettings wrap(boolean wrap) {
        return of(D.switchPolicy(), wrap, D.draftDebounceMs(), D.fixtures());
    }

    static EngineSettings draftDebounceMs(long ms) {
        return of(D.switchPolicy(), D.wrap(), ms, D.fixtures());
    }

    static EngineSettings fixtures(String... ids) {
        return of(D.switchPolicy(), D.wrap(), D.draftDebounceMs(), List.of(ids));
    }

    static EngineSettings of(SwitchPolicy p, boolean wrap, long draftDebounceMs, List<String> fixtures) {
        return new EngineSettings(p, D.armingWindowMs(), wrap, D.statusDebounceMs(), draftDebounceMs, D.saveCoalesceMs(),
                D.crashLoopWindowMs(), fixtures);
    }
}
