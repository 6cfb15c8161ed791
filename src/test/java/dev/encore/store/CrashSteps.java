package dev.encore.store;

import dev.encore.EncoreException;
import dev.encore.testing.StepDisk;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs the same work again and again on a store whose disk crashes at the first write, force,
 * rename or delete, then the second, and so on, until a run completes; after each crash the files
 * are left as a dead process leaves them and the trial checks what a new process finds.
 */
final class CrashSteps {
    /** One run: its folder, the work (stopped by the crash), and the check of what is left. */
    interface Trial {
        Path folder() throws Exception;

        void work(SessionStore store);

        void afterCrash(int step, Path data) throws Exception;
    }

    /** A fresh trial for each step. */
    @FunctionalInterface
    interface Trials {
        Trial at(int step) throws Exception;
    }

    private CrashSteps() {
    }

    /** Crashes at every step in turn; returns how many runs crashed before one ran through. */
    static int run(StoreOptions options, Trials trials) throws Exception {
        for (int step = 1; ; step++) {
            Trial trial = trials.at(step);
            Path data = trial.folder();
            StepDisk disk = new StepDisk(step, StepDisk.Mode.CRASH);
            SessionStore store = null;
            try {
                store = SessionStore.open(data, disk, Clock.systemUTC(), options);
                trial.work(store);
            } catch (StepDisk.Crash | EncoreException e) {
                // the process died here
            }
            if (!disk.failed()) {
                store.close();
                return step - 1;
            }
            if (store != null) {
                store.abandon();
            }
            trial.afterCrash(step, data);
        }
    }
}
