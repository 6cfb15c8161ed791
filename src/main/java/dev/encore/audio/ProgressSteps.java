package dev.encore.audio;

/** Reports progress through a long loop at most once per percent, so a long decode does not flood the engine. */
final class ProgressSteps {
    private final Progress progress;
    private final long total;
    private double last;

    ProgressSteps(Progress progress, long total) {
        this.progress = progress;
        this.total = total;
    }

    void at(long done) {
        if (total <= 0) {
            return;
        }
        double f = Math.min(1, (double) done / total);
        if (f - last >= 0.01) {
            last = f;
            progress.report(f);
        }
    }
}
