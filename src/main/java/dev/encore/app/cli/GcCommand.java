package dev.encore.app.cli;

import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code encore gc}: deletes audio no retained revision, draft or stem cache entry uses any more;
 * {@code --dry-run} only says what that would free. Audio no record ever named is never deleted.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = "Delete audio that no retained revision, draft or cached stem uses any more, and say how much that freed.")
public final class GcCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    private DataFolder data;

    @Option(names = "--dry-run", description = "only print what would be deleted")
    private boolean dryRun;

    public GcCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (SessionStore store = data.openExisting()) {
            Map<AssetId, Long> collectable = store.collectable(Set.of());
            long bytes = collectable.values().stream().mapToLong(Long::longValue).sum();
            if (dryRun) {
                collectable.forEach((id, length) -> terminal.out().println("would delete " + id + " (" + Sizes.human(length) + ")"));
                terminal.out().println(collectable.size() + " audio file(s), " + Sizes.human(bytes) + ", would be freed; nothing was deleted.");
                return ExitCode.OK;
            }
            Set<AssetId> deleted = store.collect(Set.of());
            long freed = collectable.entrySet().stream().filter(e -> deleted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            terminal.out().println("Deleted " + deleted.size() + " audio file(s) no retained session uses, " + Sizes.human(freed) + " freed.");
            return ExitCode.OK;
        }
    }
}
