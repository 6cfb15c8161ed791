package dev.encore.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code encore list}: the setlist as a table, or as JSON for scripts. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Print the sessions in setlist order: position, name, last saved, audio size, unsaved draft.",
                "Works while a daemon runs on the folder (drafts as last journaled)."})
public final class ListCommand extends FolderCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "print a JSON array instead of the table")
    private boolean json;

    public ListCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws Exception {
        List<SessionSummary> sessions;
        try (SessionStore store = data.openForReading()) {
            sessions = store.list();
        }
        if (json) {
            ArrayNode rows = JSON.createArrayNode();
            for (SessionSummary s : sessions) {
                ObjectNode row = rows.addObject();
                row.put("position", s.position());
                row.put("name", s.name());
                row.put("id", s.id().value());
                row.put("updated", s.updated().toString());
                row.put("audioBytes", s.audioBytes());
                row.put("hasDraft", s.hasDraft());
            }
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            return ExitCode.OK;
        }
        if (sessions.isEmpty()) {
            terminal.out().println("No sessions in " + data.path() + ".");
            return ExitCode.OK;
        }
        int width = Math.max(4, sessions.stream().mapToInt(s -> s.name().length()).max().orElse(4));
        String row = "%3s  %-" + width + "s  %-24s  %10s  %s%n";
        terminal.out().printf(row, "#", "name", "updated", "audio", "draft");
        for (SessionSummary s : sessions) {
            terminal.out().printf(row, s.position(), s.name(), s.updated(), Sizes.human(s.audioBytes()), s.hasDraft() ? "yes" : "");
        }
        return ExitCode.OK;
    }
}
