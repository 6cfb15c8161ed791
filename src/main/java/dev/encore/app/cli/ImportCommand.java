package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.bundle.BundleCheck;
import dev.encore.bundle.BundleManifest;
import dev.encore.bundle.Importer;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code encore import FILE}: checks the whole bundle first, and only then opens the data folder
 * and adds its sessions; a refused bundle leaves the folder untouched (not even created). While a
 * daemon runs on the folder, the import goes through it ({@code /encore/import} on the OSC port its
 * lock names), so the sessions appear in the running setlist.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Check a bundle completely, then add its sessions and audio to the data folder (created when missing).",
                "A name already taken gets a unique variant; audio already here is not stored again; run it again after an interruption to finish it.",
                "While a daemon runs on the folder, the daemon does the import (its OSC port is read from the folder's lock) and this prints its progress and reply."})
public final class ImportCommand extends FolderWork {
    /** How long the daemon may stay silent (it sends progress and a heartbeat every few seconds) before the import is given up on. */
    private static final int SILENCE_MS = 60_000;

    @Parameters(paramLabel = "FILE", description = "the bundle written by 'export'")
    private Path file;

    public ImportCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws IOException {
        Path bundle = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(bundle)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "There is no bundle file at " + bundle + "; give the path 'export --out' wrote.");
        }
        Optional<FolderHolder> holder = data.holder();
        if (holder.isPresent()) {
            return throughDaemon(bundle, holder.get());
        }
        try (ProgressDisplay display = display(ProgressDisplay.Unit.BYTES)) {
            BundleCheck.Checked checked;
            try {
                checked = BundleCheck.check(bundle, display);
            } catch (EncoreException e) {
                display.close();
                if (e.reason() == Reason.BUNDLE_REFUSED) {
                    throw new EncoreException(Reason.BUNDLE_REFUSED, "The bundle " + bundle + " is refused: " + e.getMessage());
                }
                throw e;
            }
            BundleManifest manifest = checked.manifest();
            display.close();
            terminal.out().println("Checked " + bundle + ": " + manifest.sessions().size() + " session(s), " + manifest.blobs().size()
                    + " audio file(s), " + Sizes.human(manifest.audioBytes()) + ", written by Encore " + manifest.encoreVersion() + ".");
            Importer.Imported done;
            try (SessionStore store = SessionStore.open(data.path())) {
                done = new Importer(store).importChecked(bundle, checked, display);
            }
            display.close();
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
        }
        return ExitCode.OK;
    }

    /** Sends {@code /encore/import} to the daemon that holds the folder, shows its progress pushes, prints its reply. */
    private int throughDaemon(Path bundle, FolderHolder holder) throws IOException {
        if (holder.oscPort() == null) {
            throw new EncoreException(Reason.BUSY, "The data folder " + data.path() + " is in use by " + holder.who() + ", which names no"
                    + " OSC port to send the import to (it is starting, or it is not a daemon). Wait until it runs, or "
                    + holder.howToStop() + ", then run the import again.");
        }
        terminal.out().println("A daemon runs on " + data.path() + " (" + holder.who() + "); it does the import.");
        String requestId = "req:cli-import-" + ProcessHandle.current().pid();
        long size = Files.size(bundle);
        try (DaemonConnection daemon = DaemonConnection.open("127.0.0.1", holder.oscPort(), "slip", SILENCE_MS);
                ProgressDisplay display = display(ProgressDisplay.Unit.BYTES)) {
            daemon.send(new OscMessage("/encore/import", List.of(bundle.toString(), requestId)));
            while (true) {
                OscMessage m = daemon.receive();
                if (m == null || m.args().isEmpty()) {
                    continue;
                }
                if (m.address().equals("/encore/progress") && m.args().size() == 3 && "import".equals(m.args().get(0))
                        && bundle.getFileName().toString().equals(m.args().get(1)) && m.args().get(2) instanceof Float f) {
                    display.advanced("importing through the daemon", Math.round(f * (double) size), size);
                    continue;
                }
                if (!requestId.equals(m.args().get(m.args().size() - 1))) {
                    continue; // another push, a heartbeat, or the answer to someone else
                }
                display.close();
                Object message = m.args().size() >= 2 ? m.args().get(m.args().size() - 2) : "";
                if (m.address().equals("/encore/error")) {
                    terminal.err().println("The daemon refused the import: " + message);
                    return ExitCode.FAILED;
                }
                terminal.out().println(message);
                return ExitCode.OK;
            }
        } catch (SocketTimeoutException e) {
            throw new EncoreException(Reason.GENERAL, "The daemon on port " + holder.oscPort() + " sent nothing for " + SILENCE_MS / 1000
                    + " s during the import; its log in " + data.path().resolve("logs") + " says why. Run 'list' to see what arrived;"
                    + " running the import again finishes it.");
        }
    }
}
