package dev.encore.bench;

/**
 * One line of BENCHMARKS.md: a measured statistic, optionally the baseline it is divided by (timed
 * in the same run), and the target it must meet.
 *
 * @param what what a performer would call it
 * @param measured the benchmark statistic shown
 * @param baseline the statistic it is compared with, or null for an absolute figure
 * @param target what counts as a pass
 */
record Figure(String what, Stat measured, Stat baseline, Target target) {

    /**
     * A statistic of one JMH result: {@code benchmark} is "Class.method[param=value]"; for
     * {@link Kind#COUNTER_MEAN} {@code counter} names the nanosecond counter divided by "rounds".
     */
    record Stat(String benchmark, Kind kind, String counter) {
    }

    /** Which number of a result is read. */
    enum Kind {
        MEAN, P50, P99, ALLOC_BYTES, COUNTER_MEAN
    }

    /** What counts as a pass. */
    sealed interface Target {
        /** No target: the figure is shown for context. */
        record None() implements Target {
        }

        /** measured / baseline at most {@code ratio} (time, lower is better). */
        record RatioAtMost(double ratio) implements Target {
        }

        /** baseline time / measured time (a throughput ratio) at least {@code ratio}. */
        record ThroughputAtLeast(double ratio) implements Target {
        }

        /** The measured value at most {@code limit}, in seconds for times and bytes for allocation. */
        record AtMost(double limit) implements Target {
        }
    }

    static Stat stat(String benchmark, Kind kind) {
        return new Stat(benchmark, kind, null);
    }

    /** The mean nanoseconds per round of one of a benchmark's auxiliary counters. */
    static Stat perRound(String benchmark, String counter) {
        return new Stat(benchmark, Kind.COUNTER_MEAN, counter);
    }
}
