package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.MediaFolders;
import dev.encore.bundle.BundleCheck;
import dev.encore.bundle.BundleProgress;
import dev.encore.bundle.Exporter;
import dev.encore.bundle.Importer;
import dev.encore.feedback.FeedbackBus;
import dev.encore.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Show bundles over OSC: export writes what is saved into one verified file, import checks a bundle
 * whole, stores its audio, then adds its sessions to the setlist. The reading, hashing and copying
 * run on this class's own thread, so the show keeps playing and the engine keeps answering; only
 * the few journal records that add the sessions run on the engine thread. Paths lie inside the
 * media folders, as for track imports. Confined to the engine thread apart from that worker.
 */
final class Bundles {
    private static final Logger LOG = LoggerFactory.getLogger(Bundles.class);
    private static final long STOP_WAIT_S = 10;

    private final SessionStore store;
    private final FeedbackBus bus;
    private final MediaFolders folders;
    private final Performance performance;
    private final StatusLight light;
    private final Consumer<Runnable> post;
    private final String encoreVersion;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "encore-bundle");
        t.setDaemon(true);
        return t;
    });
    private final Map<CompletableFuture<Result>, ProgressStream> running = new HashMap<>();

    Bundles(SessionStore store, FeedbackBus bus, MediaFolders folders, Performance performance, Consumer<Runnable> post) {
        this.store = store;
        this.bus = bus;
        this.folders = folders;
        this.performance = performance;
        this.light = performance.light();
        this.post = post;
        String v = Bundles.class.getPackage().getImplementationVersion();
        this.encoreVersion = v == null ? "dev" : v;
    }

    /** Starts an export; the reply comes once the file is complete under its name, or nothing was left there. */
    CompletableFuture<Result> export(Action.ExportBundle a) {
        return light.start(a.verb(), reply -> {
            Path target = target(a.file());
            for (String name : a.names()) {
                if (store.findByName(name).isEmpty()) {
                    throw new EncoreException(Reason.NO_SUCH_SESSION, "There is no session named '" + name.strip()
                            + "'; nothing was exported. /encore/list gives the names.");
                }
            }
            ProgressStream progress = start(reply, "export", target);
            CompletableFuture.supplyAsync(() -> {
                try {
                    return new Exporter(store, encoreVersion).toFile(a.names(), false, target, overall(progress));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, worker).whenComplete((done, error) -> post.accept(() -> finish(reply, progress, error != null ? failed("export", error)
                    : new Result.BundleExported("Exported " + done.sessions().size() + " session(s) and " + done.blobs() + " audio file(s), "
                            + (done.audioBytes() >> 20) + " MiB, to " + target + ": " + String.join(", ", done.sessions()), done))));
        });
    }

    /**
     * Starts an import: the bundle is checked whole and its audio stored on the worker, then the
     * sessions are added here, on the engine thread. A refused bundle adds nothing and stores nothing.
     */
    CompletableFuture<Result> importBundle(Action.ImportBundle a) {
        return light.start(a.verb(), reply -> {
            Path file = folders.resolve(a.file());
            ProgressStream progress = start(reply, "import", file);
            Importer importer = new Importer(store);
            BundleProgress steps = overall(progress);
            CompletableFuture.supplyAsync(() -> {
                try {
                    BundleCheck.Checked checked = BundleCheck.check(file, steps);
                    Importer.Stored audio = importer.storeAudio(file, checked, steps);
                    return Map.entry(checked, audio);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, worker).whenComplete((done, error) -> post.accept(() -> {
                if (error != null) {
                    finish(reply, progress, failed("import", error));
                    return;
                }
                Result added = light.run(a.verb(), () -> {
                    List<Importer.Outcome> outcomes = importer.addSessions(done.getKey().manifest());
                    performance.announceSession();
                    return new Result.BundleImported(imported(file, outcomes, done.getValue()),
                            new Importer.Imported(outcomes, done.getValue().blobsStored(), done.getValue().bytesStored(),
                                    done.getValue().blobsPresent(), done.getValue().bytesPresent()));
                });
                finish(reply, progress, added);
            }));
        });
    }

    /** Cancels running exports and imports when the engine stops; each is answered BUSY. */
    void stop() {
        running.forEach((r, progress) -> {
            progress.cancel();
            r.complete(new Result.Error(Reason.BUSY, "Encore stopped before the " + progress.item() + " bundle was finished."));
        });
        running.clear();
        worker.shutdownNow();
        try {
            // A cancelled job stops at its next chunk; the store closes only after it has.
            if (!worker.awaitTermination(STOP_WAIT_S, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("A bundle job did not stop within {} s of the engine stopping", STOP_WAIT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProgressStream start(CompletableFuture<Result> reply, String task, Path file) {
        if (!running.isEmpty()) {
            throw new EncoreException(Reason.BUSY, "A bundle export or import is running; wait for its reply, then send this again.");
        }
        ProgressStream progress = ProgressStream.start(bus, task, file.getFileName().toString());
        running.put(reply, progress);
        return progress;
    }

    /** The one 1.0, then the reply once the feedback thread has sent it. */
    private void finish(CompletableFuture<Result> reply, ProgressStream progress, Result result) {
        if (running.remove(reply) == null) {
            return; // answered by stop()
        }
        progress.finish();
        bus.drained().thenRun(() -> reply.complete(result));
    }

    /**
     * Both bundle jobs read their audio twice in steps that follow each other: a check of it all,
     * then the write (export) or the check of what is here and the store of the rest (import), so
     * the whole job is twice the first step's bytes.
     */
    private static BundleProgress overall(ProgressStream progress) {
        return new BundleProgress() {
            private String step;
            private long finished;
            private long current;
            private long whole = -1;

            @Override
            public void advanced(String now, long done, long total) {
                if (!now.equals(step)) {
                    finished += current;
                    step = now;
                }
                current = total;
                if (whole < 0) {
                    whole = 2 * total;
                }
                progress.report(whole <= 0 ? 0 : Math.min(0.999, (finished + done) / (double) whole));
            }
        };
    }

    /** The bundle to write: a file name inside a media folder, reached without links out of it. */
    private Path target(Path requested) {
        Path absolute;
        try {
            absolute = (requested.isAbsolute() ? requested : folders.folders().get(0).resolve(requested)).normalize();
        } catch (InvalidPathException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "'" + requested + "' is not a file path: " + e.getReason() + ".");
        }
        Path parent = absolute.getParent();
        Path realParent;
        try {
            realParent = parent == null ? null : parent.toRealPath();
        } catch (IOException e) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "There is no folder " + parent + " to write the bundle into; create it"
                    + " (or plug in the drive) first.");
        }
        if (realParent == null || folders.folders().stream().noneMatch(realParent::startsWith)) {
            throw new EncoreException(Reason.PATH_NOT_ALLOWED, "Path " + requested + " is outside the media folders " + folders.folders()
                    + "; a bundle is written only inside one.");
        }
        Path target = realParent.resolve(absolute.getFileName());
        if (Files.isSymbolicLink(target) || Files.isDirectory(target)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, target + " is a folder or a link; name a new file such as "
                    + realParent.resolve("show.encore.zip") + ".");
        }
        return target;
    }

    private static Result failed(String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof EncoreException e) {
            LOG.info("The bundle {} did not happen: {}", what, e.getMessage());
            return new Result.Error(e.reason(), e.getMessage());
        }
        LOG.warn("The bundle {} failed", what, cause);
        return new Result.Error(Reason.STORAGE_FAILURE, "The bundle " + what + " failed (" + cause + "); nothing was added.");
    }

    private static String imported(Path file, List<Importer.Outcome> outcomes, Importer.Stored audio) {
        List<String> names = new ArrayList<>();
        for (Importer.Outcome o : outcomes) {
            names.add(switch (o.kind()) {
                case ADDED -> "'" + o.stored() + "'";
                case RENAMED -> "'" + o.bundled() + "' as '" + o.stored() + "'";
                case ALREADY_HERE -> "'" + o.stored() + "' (already here)";
                case COMPLETED -> "'" + o.stored() + "' (finished)";
            });
        }
        return "Imported " + outcomes.size() + " session(s) from " + file.getFileName() + ": " + String.join(", ", names) + "; stored "
                + audio.blobsStored() + " audio file(s), " + audio.blobsPresent() + " were here already.";
    }
}
