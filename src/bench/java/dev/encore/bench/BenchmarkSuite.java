package dev.encore.bench;

import static dev.encore.bench.Figure.Kind.ALLOC_BYTES;
import static dev.encore.bench.Figure.Kind.MEAN;
import static dev.encore.bench.Figure.Kind.P50;
import static dev.encore.bench.Figure.Kind.P99;
import static dev.encore.bench.Figure.perRound;
import static dev.encore.bench.Figure.stat;

import dev.encore.bench.Figure.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the whole benchmark suite and writes BENCHMARKS.md from JMH's JSON result. Arguments:
 * {@code --out FILE} (default BENCHMARKS.md), {@code --json FILE} (default target/jmh-result.json),
 * {@code --page-only} to rewrite the page from an earlier JSON result, and any other argument as a
 * JMH include pattern to run part of the suite.
 */
public final class BenchmarkSuite {
    private static final String INTERLEAVED = "InterleavedSaveBenchmark.saveEach";
    static final String COMMAND = "mvn -B -Pbench -DskipTests package && java -jar target/benchmarks.jar";

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path out = Path.of("BENCHMARKS.md");
        Path json = Path.of("target", "jmh-result.json");
        boolean pageOnly = false;
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--page-only" -> pageOnly = true;
                default -> includes.add(args[i]);
            }
        }
        if (!pageOnly) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .addProfiler(GCProfiler.class)
                    .jvmArgsAppend("-Xms1g", "-Xmx1g")
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString())
                    .shouldFailOnError(true);
            if (includes.isEmpty()) {
                options.include(BenchmarkSuite.class.getPackageName() + ".*Benchmark");
            } else {
                includes.forEach(options::include);
            }
            new Runner(options.build()).run();
        }
        int failed = new ResultsPage(json).write(out, figures(), notes(), Machine.describe(Instant.now().truncatedTo(ChronoUnit.SECONDS)), COMMAND);
        System.out.println("Wrote " + out.toAbsolutePath() + (failed == 0 ? ": every target met" : ": " + failed + " target(s) missed or not measured"));
    }

    /** What a reader needs to know to read the table. */
    static List<String> notes() {
        return List.of(
                "Commands and start-up were measured against " + EncoreProcess.describe() + ", started as its own JVM"
                        + " with default settings; a save over UDP includes the engine's status and session pushes.",
                "\"250 ms after the last save\" waits " + SaveBenchmark.QUIET_MS + " ms (untimed) before each timed save, as between"
                        + " a performer's presses; saves back to back find the disk's flush path warm and cost less.",
                "Interleaved figures take turns with their baseline in one process, round after round, so bursts of"
                        + " load from other work on the machine hit both alike; they are means per round.",
                "Start-up is JVM launch to the first answered /encore/ping, with " + StartupBenchmark.SESSIONS
                        + " sessions and " + StartupBenchmark.REVISIONS + " revisions stored; the baseline JVM only binds a UDP port and echoes."
                        + " After kill -9, the daemon had taken ten saves since its start when it was killed. \"Through bin/encore\""
                        + " starts the daemon as README does, with the start-up archive the launcher made once before the trial;"
                        + " the other start-up rows run java with the classpath and no archive.",
                "Mirror figures run both laptops in one JVM on this machine's one disk. A backup answers a record or a blob only once"
                        + " it is durable, so each mirrored save costs at least one flush on the backup, which the raw TCP rows do not"
                        + " pay; the JGroups floor rows send the same bytes over two bare links with the mirror's own protocol stack,"
                        + " the least any mirror on JGroups can cost here.");
    }

    /** Every figure the issue asks for, in the order a performer meets them. */
    static List<Figure> figures() {
        return List.of(
                new Figure("Save, 0 MB of audio, 250 ms after the last save, vs a raw append + fdatasync of the same bytes",
                        stat("SaveBenchmark.isolatedMetadataSave[audioMib=0]", P50), stat("SaveBenchmark.rawAppendAfterQuiet[audioMib=0]", P50),
                        new Target.RatioAtMost(1.5)),
                new Figure("Save, 700 MB of audio, 250 ms after the last save, vs a raw append + fdatasync of the same bytes",
                        stat("SaveBenchmark.isolatedMetadataSave[audioMib=700]", P50), stat("SaveBenchmark.rawAppendAfterQuiet[audioMib=700]", P50),
                        new Target.RatioAtMost(1.5)),
                new Figure("Save (metadata), 0 MB of audio, 250 ms after the last save", stat("SaveBenchmark.isolatedMetadataSave[audioMib=0]", P50), null, new Target.AtMost(0.005)),
                new Figure("Save (metadata), 700 MB of audio, 250 ms after the last save", stat("SaveBenchmark.isolatedMetadataSave[audioMib=700]", P50),
                        stat("SaveBenchmark.isolatedMetadataSave[audioMib=0]", P50), new Target.RatioAtMost(1.2)),
                new Figure("Save (metadata), 0 MB of audio, saves back to back", stat("SaveBenchmark.metadataSave[audioMib=0]", P50), null, new Target.AtMost(0.005)),
                new Figure("Save (metadata), 100 MB of audio, back to back, interleaved with 0 MB", perRound(INTERLEAVED, "audio100Mib"),
                        perRound(INTERLEAVED, "noAudio"), new Target.RatioAtMost(1.2)),
                new Figure("Save (metadata), 700 MB of audio, back to back, interleaved with 0 MB", perRound(INTERLEAVED, "audio700Mib"),
                        perRound(INTERLEAVED, "noAudio"), new Target.RatioAtMost(1.2)),
                new Figure("Save, 700 MB: Encore vs the record-with-audio design", stat("SaveBenchmark.isolatedMetadataSave[audioMib=700]", P50),
                        stat("SaveBenchmark.recordWithAudioSave[audioMib=700]", P50), new Target.None()),
                new Figure("Save, 100 MB: Encore vs the record-with-audio design", stat("SaveBenchmark.isolatedMetadataSave[audioMib=100]", P50),
                        stat("SaveBenchmark.recordWithAudioSave[audioMib=100]", P50), new Target.None()),
                new Figure("First write of new audio (64 MiB), interleaved with raw writes", perRound("AudioWriteBenchmark.writeBoth", "blobWriter"),
                        perRound("AudioWriteBenchmark.writeBoth", "rawFileChannel"), new Target.ThroughputAtLeast(0.6)),
                new Figure("Export of a show with 700 MB of audio to a bundle, interleaved with Files.copy of its audio files",
                        perRound("BundleBenchmark.eachRound[audioMib=700]", "export"), perRound("BundleBenchmark.eachRound[audioMib=700]", "filesCopy"),
                        new Target.ThroughputAtLeast(0.5)),
                new Figure("Import of that bundle into an empty folder, interleaved with Files.copy of its audio files",
                        perRound("BundleBenchmark.eachRound[audioMib=700]", "importBundle"), perRound("BundleBenchmark.eachRound[audioMib=700]", "filesCopy"),
                        new Target.ThroughputAtLeast(0.5)),
                new Figure("Mirror: saved to mirrored (metadata), vs a raw loopback TCP send + answer of the same bytes",
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirror"), perRound("MirrorBenchmark.metadataRound[trackKib=0]", "rawTcp"),
                        new Target.RatioAtMost(1.5)),
                new Figure("Mirror: saved to mirrored (metadata), vs that raw send with the receiver appending the bytes and forcing them before it"
                        + " answers, as the backup does", perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirror"),
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "rawTcpForced"), new Target.RatioAtMost(1.5)),
                new Figure("Mirror: saved to mirrored (metadata) of a session with a 256 KiB track the backup holds, vs the raw send with the"
                        + " receiver appending the record and forcing it", perRound("MirrorBenchmark.metadataRound[trackKib=256]", "mirror"),
                        perRound("MirrorBenchmark.metadataRound[trackKib=256]", "rawTcpForced"), new Target.RatioAtMost(1.5)),
                new Figure("Mirror: saved to mirrored (metadata), absolute", perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirror"), null,
                        new Target.AtMost(1.0)),
                new Figure("Mirror: saved to mirrored (metadata), vs the record as one request over two bare links with the mirror's JGroups"
                        + " stack, the receiver appending and forcing it before it answers", perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirror"),
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "jgroupsForced"), new Target.None()),
                new Figure("JGroups floor: the record as one request over those bare links, answered at once, vs the raw loopback TCP send + answer",
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "jgroups"), perRound("MirrorBenchmark.metadataRound[trackKib=0]", "rawTcp"),
                        new Target.None()),
                new Figure("Mirror over a link locked with a key (TLS 1.3): saved to mirrored (metadata), vs the open link in the same rounds",
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirrorKeyed"),
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirror"), new Target.None()),
                new Figure("Mirror over a locked link: saved to mirrored (metadata), vs the raw send with the receiver appending and forcing",
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "mirrorKeyed"),
                        perRound("MirrorBenchmark.metadataRound[trackKib=0]", "rawTcpForced"), new Target.None()),
                new Figure("Mirror over a locked link: 16 MiB of new audio to the backup, vs the open link in the same rounds",
                        perRound("MirrorBenchmark.audioRound[trackKib=0]", "mirrorKeyed"), perRound("MirrorBenchmark.audioRound[trackKib=0]", "mirror"),
                        new Target.None()),
                new Figure("Mirror: 16 MiB of new audio to the backup, vs a raw loopback TCP send + answer",
                        perRound("MirrorBenchmark.audioRound[trackKib=0]", "mirror"), perRound("MirrorBenchmark.audioRound[trackKib=0]", "rawTcp"),
                        new Target.ThroughputAtLeast(0.5)),
                new Figure("Mirror: 16 MiB of new audio to the backup, vs that raw send with the receiver writing the bytes to a new file and"
                        + " forcing it before it answers, as the backup does", perRound("MirrorBenchmark.audioRound[trackKib=0]", "mirror"),
                        perRound("MirrorBenchmark.audioRound[trackKib=0]", "rawTcpForced"), new Target.ThroughputAtLeast(0.5)),
                new Figure("JGroups floor: 16 MiB as one request over the bare links, answered at once, vs the raw loopback TCP send + answer",
                        perRound("MirrorBenchmark.audioRound[trackKib=0]", "jgroups"), perRound("MirrorBenchmark.audioRound[trackKib=0]", "rawTcp"),
                        new Target.None()),
                new Figure("Content hash of 16 MiB: the store's MurmurHash3 vs Guava's murmur3_128", stat("ContentHashBenchmark.storeContentHash", MEAN),
                        stat("ContentHashBenchmark.guavaMurmur3", MEAN), new Target.None()),
                new Figure("Open a session with 700 MB of audio", stat("OpenBenchmark.storeOpen", MEAN),
                        stat("OpenBenchmark.rawMmapLoad", MEAN), new Target.RatioAtMost(1.2)),
                new Figure("Open, heap allocated per open", stat("OpenBenchmark.storeOpen", ALLOC_BYTES), null, new Target.AtMost(1 << 20)),
                new Figure("List 1,000 sessions", stat("ListBenchmark.list[sessions=1000]", MEAN), null, new Target.AtMost(0.010)),
                new Figure("List 1,000 sessions vs listing 10", stat("ListBenchmark.list[sessions=1000]", MEAN),
                        stat("ListBenchmark.list[sessions=10]", MEAN), new Target.None()),
                new Figure("Live numeric parameter update", stat("LiveStateBenchmark.paramUpdate", MEAN), null, new Target.AtMost(50e-9)),
                new Figure("Live parameter update, heap", stat("LiveStateBenchmark.paramUpdate", ALLOC_BYTES), null, new Target.AtMost(0.5)),
                new Figure("Live update vs serializing the snapshot per update", stat("LiveStateBenchmark.paramUpdate", MEAN),
                        stat("LiveStateBenchmark.serializeSnapshotPerUpdate", MEAN), new Target.None()),
                new Figure("Serializing the snapshot per update, heap", stat("LiveStateBenchmark.serializeSnapshotPerUpdate", ALLOC_BYTES), null, new Target.None()),
                new Figure("Command over UDP: ping, p50", stat("CommandLatencyBenchmark.ping", P50),
                        stat("CommandLatencyBenchmark.udpEcho", P50), new Target.None()),
                new Figure("Command over UDP: ping, p99", stat("CommandLatencyBenchmark.ping", P99),
                        stat("CommandLatencyBenchmark.udpEcho", P99), new Target.None()),
                new Figure("Command over UDP: save, p50", stat("CommandLatencyBenchmark.save", P50),
                        stat("CommandLatencyBenchmark.udpEcho", P50), new Target.None()),
                new Figure("Command over UDP: save, p99", stat("CommandLatencyBenchmark.save", P99),
                        stat("CommandLatencyBenchmark.udpEcho", P99), new Target.None()),
                new Figure("Save over UDP vs a ping round trip plus a raw append + fdatasync", stat("CommandLatencyBenchmark.save", P50),
                        stat("CommandLatencyBenchmark.pingThenRawAppend", P50), new Target.RatioAtMost(2.0)),
                new Figure("Start-up to listening, 1,000 sessions stored", stat("StartupBenchmark.encore", MEAN),
                        stat("StartupBenchmark.bareJvmUdp", MEAN), new Target.None()),
                new Figure("Start-up to listening, 1,000 sessions and 10,000 revisions (absolute)", stat("StartupBenchmark.encore", MEAN), null,
                        new Target.AtMost(1.0)),
                new Figure("Start-up after kill -9 (journal tail replayed)", stat("StartupBenchmark.encoreAfterKill", MEAN),
                        stat("StartupBenchmark.bareJvmUdp", MEAN), new Target.None()),
                new Figure("Start-up after kill -9 (absolute)", stat("StartupBenchmark.encoreAfterKill", MEAN), null, new Target.AtMost(1.5)),
                new Figure("Start-up through bin/encore (start-up archive), 1,000 sessions and 10,000 revisions",
                        stat("StartupBenchmark.encoreThroughLauncher", MEAN), stat("StartupBenchmark.bareJvmUdp", MEAN), new Target.None()),
                new Figure("Start-up through bin/encore (absolute)", stat("StartupBenchmark.encoreThroughLauncher", MEAN), null,
                        new Target.AtMost(1.0)),
                new Figure("Start-up through bin/encore after kill -9 (absolute)", stat("StartupBenchmark.encoreThroughLauncherAfterKill", MEAN),
                        null, new Target.AtMost(1.5)));
    }
}
