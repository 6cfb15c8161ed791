package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.bundle.BundleCheck;
import dev.encore.bundle.BundleManifest;
import dev.encore.bundle.Importer;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code encore import FILE}: checks the whole bundle first, and only then opens the data folder
 * and adds its sessions; a refused bundle leaves the folder untouched (not even created).
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Check a bundle completely, then add its sessions and audio to the data folder (created when missing).",
                "A name already taken gets a unique variant; audio already here is not stored again; run it again after an interruption to finish it."})
public final class ImportCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    private DataFolder data;

    @Parameters(paramLabel = "FILE", description = "the bundle written by 'export'")
    private Path file;

    public ImportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        Path bundle = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(bundle)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "There is no bundle file at " + bundle + "; give the path 'export --out' wrote.");
        }
        BundleManifest manifest;
        try {
            manifest = BundleCheck.verify(bundle);
        } catch (EncoreException e) {
            if (e.reason() == Reason.BUNDLE_REFUSED) {
                throw new EncoreException(Reason.BUNDLE_REFUSED, "The bundle " + bundle + " is refused: " + e.getMessage());
            }
            throw e;
        }
        terminal.out().println("Checked " + bundle + ": " + manifest.sessions().size() + " session(s), " + manifest.blobs().size()
                + " audio file(s), " + Sizes.human(manifest.audioBytes()) + ", written by Encore " + manifest.encoreVersion() + ".");
        Importer.Imported done;
        try (SessionStore store = SessionStore.open(data.path())) {
            done = new Importer(store).importVerified(bundle, manifest);
        }
        for (Importer.Outcome o : done.sessions()) {
            terminal.out().println(switch (o.kind()) {
                case ADDED -> "Added '" + o.stored() + "'.";
                case RENAMED -> "Added '" + o.bundled() + "' as '" + o.stored() + "': the name was taken here.";
                case ALREADY_HERE -> "'" + o.stored() + "' is already here as bundled; skipped.";
                case COMPLETED -> "Finished the import of '" + o.stored() + "' that was cut off before.";
            });
        }
        terminal.out().println("Stored " + done.blobsStored() + " audio file(s) (" + Sizes.human(done.bytesStored()) + "); "
                + done.blobsPresent() + " (" + Sizes.human(done.bytesPresent()) + ") were here already. Data in " + data.path() + ".");
        return ExitCode.OK;
    }
}
