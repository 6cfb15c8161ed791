package dev.encore.app.cli;

import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore gc}: deletes audio no retained revision, draft or stem cache entry uses any more;
 * {@code --dry-run} only says what that would free. Audio no record ever named is never deleted.
 * While a daemon runs on the folder, gc refuses (the daemon may be about to use audio no record
 * names yet: a track it is importing); {@code --dry-run} reads the folder and works beside it.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Delete audio that no retained revision, draft or cached stem uses any more, and say how much that freed.",
                "Refused while a daemon runs on the folder (stop it first); --dry-run works while it runs."})
public final class GcCommand extends FolderWork {
    private static final String STEP = "deleting unused audio";

    @Option(names = "--dry-run", description = "only print what would be deleted")
    private boolean dryRun;

    public GcCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        if (dryRun) {
            try (SessionStore store = data.openForReading()) {
                Map<AssetId, Long> collectable = store.upkeep().collectable(Set.of());
                long bytes = collectable.values().stream().mapToLong(Long::longValue).sum();
                collectable.forEach((id, length) -> terminal.out().println("would delete " + id + " (" + Sizes.human(length) + ")"));
                terminal.out().println(collectable.size() + " audio file(s), " + Sizes.human(bytes) + ", would be freed; nothing was deleted.");
                return ExitCode.OK;
            }
        }
        try (SessionStore store = data.openForChanging("gc", "gc deletes audio files, which is safe only while no daemon"
                + " can be about to use them.", " ('gc --dry-run' works while it runs.)");
                ProgressDisplay display = display(ProgressDisplay.Unit.FILES)) {
            Map<AssetId, Long> collectable = store.upkeep().collectable(Set.of());
            display.advanced(STEP, 0, collectable.size());
            Set<AssetId> deleted = store.upkeep().collect(Set.of());
            display.advanced(STEP, collectable.size(), collectable.size());
            display.close();
            long freed = collectable.entrySet().stream().filter(e -> deleted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            terminal.out().println("Deleted " + deleted.size() + " audio file(s) no retained session uses, " + Sizes.human(freed) + " freed.");
            return ExitCode.OK;
        }
    }
}
