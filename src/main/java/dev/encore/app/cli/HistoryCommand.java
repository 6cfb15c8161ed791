package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.Revision;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code encore history NAME}: the retained revisions of one session, newest first, the current one marked. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Print the retained revisions of a session, newest first; '*' marks the one it is at now.",
                "Works while a daemon runs on the folder."})
public final class HistoryCommand extends FolderCommand {
    @Parameters(paramLabel = "NAME", description = "the session's name (case and surrounding spaces ignored)")
    private String name;

    public HistoryCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        try (SessionStore store = data.openForReading()) {
            StoredSession session = store.findByName(name).orElseThrow(() -> new EncoreException(Reason.NO_SUCH_SESSION,
                    "There is no session named '" + name.strip() + "' in " + data.path() + "; 'list' prints the names."));
            List<Revision> revisions = store.revisions().history(session.id());
            int head = store.revisions().head(session.id());
            terminal.out().println(session.name() + ": " + revisions.size() + " retained revision(s)");
            for (Revision r : revisions) {
                terminal.out().printf("%s %4d  %-24s  %-10s  %d audio asset(s)%n", r.number() == head ? "*" : " ", r.number(),
                        r.time(), r.what(), r.assets().size());
            }
        }
        return ExitCode.OK;
    }
}
