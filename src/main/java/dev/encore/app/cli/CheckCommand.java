package dev.encore.app.cli;

import dev.encore.store.CheckReport;
import dev.encore.store.SessionStore;
import picocli.CommandLine.Command;

/** {@code encore check}: the pre-show check, every byte of every asset a session or draft uses. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Read every audio asset the sessions and drafts use and check its hash; exit 1 naming what is missing or damaged.",
                "Works while a daemon runs on the folder: it reads what was saved when it started and writes nothing."})
public final class CheckCommand extends FolderWork {
    private static final String STEP = "checking audio";

    public CheckCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        CheckReport report;
        try (SessionStore store = data.openForReading();
                ProgressDisplay display = display(ProgressDisplay.Unit.BYTES)) {
            report = store.upkeep().check((bytes, total) -> display.advanced(STEP, bytes, total));
            if (report.checked() == 0) {
                display.advanced(STEP, 0, 0);
            }
        }
        if (report.ok()) {
            terminal.out().println("All " + report.checked() + " audio asset(s) in " + data.path() + " are present and intact.");
            return ExitCode.OK;
        }
        report.problems().forEach(terminal.err()::println);
        terminal.err().println(report.problems().size() + " of " + report.checked() + " audio asset(s) are missing or damaged;"
                + " re-import the tracks named above, or import them from a bundle exported before the damage.");
        return ExitCode.FAILED;
    }
}
