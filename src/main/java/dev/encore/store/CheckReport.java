package dev.encore.store;

import java.util.List;

/** The result of a pre-show check: how many assets were verified and what is missing or damaged. */
public record CheckReport(int checked, List<String> problems) {
    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
