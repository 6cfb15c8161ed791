package dev.encore.control.map;

import dev.encore.EncoreException;
import dev.encore.control.AudioSettings;
import dev.encore.control.Cidr;
import dev.encore.control.Commands;
import dev.encore.control.ControlMap;
import dev.encore.control.FeedbackLine;
import dev.encore.control.MirrorRole;
import dev.encore.control.MirrorSettings;
import dev.encore.control.OscSettings;
import dev.encore.control.SessionSettings;
import dev.encore.control.StemExtractorKind;
import dev.encore.control.StemSettings;
import dev.encore.control.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The stage rules of osc-map.yaml that types alone cannot express: ports and ranges, OSC address
 * syntax, CIDRs, command names, feedback placeholders. MIDI rules live in {@link MidiMapValidator}.
 */
final class ControlMapValidator {
    private static final String OSC_PATTERN_CHARS = "#*,?[]{} ";

    private final YamlDocument document;
    private final List<ControlMapProblem> problems = new ArrayList<>();

    private ControlMapValidator(YamlDocument document) {
        this.document = document;
    }

    static List<ControlMapProblem> check(ControlMap map, YamlDocument document) {
        ControlMapValidator validator = new ControlMapValidator(document);
        validator.checkOsc(map.osc());
        validator.checkSession(map.session());
        validator.checkMedia(map.media());
        validator.checkAudio(map.audio());
        validator.checkAddresses(map.addresses());
        validator.checkFeedback(map.feedback());
        validator.checkMirror(map.mirror());
        validator.problems.addAll(MidiMapValidator.check(map.midi(), document));
        return validator.problems;
    }

    /** Why an OSC address is unusable, or null when it is fine. */
    static String addressProblem(String address) {
        if (address == null || !address.startsWith("/") || address.length() < 2) {
            return "an OSC address starts with '/' and names something, like /1/save";
        }
        for (char c : address.toCharArray()) {
            if (OSC_PATTERN_CHARS.indexOf(c) >= 0) {
                return "an OSC address may not contain spaces or the pattern characters # * , ? [ ] { }"
                        + " (found '" + c + "'); write a plain path like /1/save";
            }
        }
        return address.endsWith("/") || address.contains("//")
                ? "an OSC address has no empty parts; write it without the extra '/'" : null;
    }

    void add(String pointer, String message) {
        problems.add(document.problem(pointer, message));
    }

    /** A value outside min..max is a problem; a key left out (null) is not. */
    void range(String pointer, String key, Integer value, int min, int max, String unitAdvice) {
        if (value != null && (value < min || value > max)) {
            add(pointer, "'" + key + "' is " + value + "; write a value from " + min + " to " + max + unitAdvice);
        }
    }

    private void checkOsc(OscSettings osc) {
        if (osc.host().isBlank()) {
            add("/osc/host", "'host' is empty; write 0.0.0.0 to listen on every network, or 127.0.0.1 for this computer only");
        }
        range("/osc/port", "port", osc.port(), 0, 65_535, " (8000 is TouchOSC's default)");
        range("/osc/reply_port", "reply_port", osc.replyPort(), 1, 65_535, " (9000 is TouchOSC's default)");
        range("/osc/subscriber_timeout_s", "subscriber_timeout_s", osc.subscriberTimeoutS(), 1, 86_400, " seconds");
        range("/osc/heartbeat_s", "heartbeat_s", osc.heartbeatS(), 0, 3600, " seconds (0 turns the heartbeat off)");
        range("/osc/max_packet_bytes", "max_packet_bytes", osc.maxPacketBytes(), OscSettings.MIN_PACKET_BYTES,
                OscSettings.MAX_UDP_PAYLOAD_BYTES, " bytes");
        range("/osc/tcp_idle_timeout_s", "tcp_idle_timeout_s", osc.tcpIdleTimeoutS(), 1, 3600, " seconds");
        for (int i = 0; i < osc.allow().size(); i++) {
            try {
                Cidr.parse(osc.allow().get(i));
            } catch (EncoreException e) {
                add("/osc/allow/" + i, "bad address range in 'allow': " + e.getMessage());
            }
        }
    }

    private void checkSession(SessionSettings session) {
        range("/session/arming_window_ms", "arming_window_ms", session.armingWindowMs(), 250, 60_000, " milliseconds");
        range("/session/draft_debounce_ms", "draft_debounce_ms", session.draftDebounceMs(), 0, 60_000, " milliseconds");
        range("/session/status_debounce_ms", "status_debounce_ms", session.statusDebounceMs(), 0, 5_000, " milliseconds");
        range("/session/max_params", "max_params", session.maxParams(), 1, 1_000_000, " parameters");
        range("/session/max_param_path_chars", "max_param_path_chars", session.maxParamPathChars(), 8, 4096, " characters");
        range("/session/max_param_value_bytes", "max_param_value_bytes", session.maxParamValueBytes(), 8, 1_048_576, " bytes");
        range("/session/keep_revisions", "keep_revisions", session.keepRevisions(), 1, 100_000, " revisions");
        range("/session/deleted_retention_days", "deleted_retention_days", session.deletedRetentionDays(), 0, 36_500, " days");
        if (session.watchdogMs() != 0) {
            range("/session/watchdog_ms", "watchdog_ms", session.watchdogMs(), 1_000, SessionSettings.MAX_WATCHDOG_MS,
                    " milliseconds, or 0 to turn the watchdog off; longer than the slowest open of the show");
        }
        List<String> fixtures = session.fixtures();
        for (int i = 0; i < fixtures.size(); i++) {
            String id = fixtures.get(i);
            if (id == null || id.isBlank() || !id.equals(id.strip()) || fixtures.indexOf(id) < i) {
                add("/session/fixtures/" + i, "a fixture id is empty, has spaces around it or is declared twice;"
                        + " write each fixture's id once, such as stage-left");
            }
        }
    }

    private void checkMedia(List<String> media) {
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i) == null || media.get(i).isBlank()) {
                add("/media/" + i, "a media folder is empty; write a folder path such as ~/Music/Encore");
            }
        }
    }

    private void checkAudio(AudioSettings audio) {
        range("/audio/sample_rate", "sample_rate", audio.sampleRate(), 8_000, 192_000, " Hz (48000 is usual)");
        StemSettings stems = audio.stems();
        range("/audio/stems/timeout_s", "timeout_s", stems.timeoutS(), 1, 86_400, " seconds");
        if (stems.extractor() == StemExtractorKind.COMMAND) {
            String line = String.join(" ", stems.command());
            if (!line.contains("{input}") || !line.contains("{outdir}")) {
                add("/audio/stems/command", "the stem command must contain {input} and {outdir}; for example"
                        + " [demucs, --two-stems=vocals, -o, \"{outdir}\", \"{input}\"]");
            }
        } else if (!stems.command().isEmpty()) {
            add("/audio/stems/extractor", "a stem 'command' is set but 'extractor' is builtin; write extractor: command to use it");
        }
    }

    private void checkAddresses(Map<String, List<String>> addresses) {
        Map<String, String> owner = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : addresses.entrySet()) {
            String name = entry.getKey();
            String pointer = YamlDocument.child("/addresses", name);
            if (!Commands.NAMES.contains(name)) {
                add(pointer, "unknown command '" + name + "'" + Suggestions.hint(name, Commands.NAMES, "commands"));
                continue;
            }
            for (int i = 0; i < entry.getValue().size(); i++) {
                String alias = entry.getValue().get(i);
                String at = pointer + "/" + i;
                String wrong = addressProblem(alias);
                if (wrong != null) {
                    add(at, "'" + alias + "': " + wrong);
                } else if (alias.startsWith(Commands.PREFIX)) {
                    add(at, "'" + alias + "' is in Encore's own /encore/ space; rename to an address outside it, like /1/" + name);
                } else if (owner.containsKey(alias)) {
                    add(at, "'" + alias + "' is already the new name of '" + owner.get(alias) + "'; give each command its own address");
                } else {
                    owner.put(alias, name);
                }
            }
        }
    }

    private void checkFeedback(List<FeedbackLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            FeedbackLine line = lines.get(i);
            String pointer = "/feedback/" + i;
            if (line.event() == null) {
                add(pointer, "a feedback line needs 'event'; write one of: status, dirty, session, armed, progress, heartbeat");
                continue;
            }
            String wrong = addressProblem(line.address());
            if (wrong != null) {
                add(pointer + "/address", (line.address() == null ? "a feedback line needs 'address'" : "'" + line.address() + "'")
                        + ": " + wrong);
            }
            if (line.when() != null && line.event().whenField() == null) {
                add(pointer + "/when", "'when' cannot filter " + line.event() + " events; remove it");
            }
            checkPlaceholders(line, pointer);
        }
    }

    private void checkPlaceholders(FeedbackLine line, String pointer) {
        for (int a = 0; a < line.args().size(); a++) {
            if (line.args().get(a) instanceof String text) {
                Matcher m = FeedbackLine.PLACEHOLDER.matcher(text);
                while (m.find()) {
                    if (!line.event().placeholders().contains(m.group(1))) {
                        add(pointer + "/args/" + a, "unknown placeholder {" + m.group(1) + "} for " + line.event()
                                + " events; use " + String.join(", ", line.event().placeholders().stream()
                                .map(p -> "{" + p + "}").toList()));
                    }
                }
            }
        }
    }

    private void checkMirror(MirrorSettings mirror) {
        if (mirror.bind() != null) {
            String wrong = MirrorSettings.hostPortProblem(mirror.bind(), true);
            if (wrong != null) {
                add("/mirror/bind", "'bind': " + wrong);
            }
        } else if (mirror.role() != MirrorRole.STANDALONE) {
            add("/mirror/role", "role " + mirror.role() + " needs 'bind': this laptop's HOST:PORT on the stage network,"
                    + " for example bind: 192.168.1.20:7800");
        }
        if (mirror.advertise() != null) {
            String wrong = MirrorSettings.hostPortProblem(mirror.advertise(), false);
            if (wrong != null) {
                add("/mirror/advertise", "'advertise': " + wrong);
            }
        }
        for (int i = 0; i < mirror.peers().size(); i++) {
            String wrong = MirrorSettings.hostPortProblem(mirror.peers().get(i), false);
            if (wrong != null) {
                add("/mirror/peers/" + i, "peer: " + wrong);
            }
        }
        if (mirror.role() != MirrorRole.STANDALONE && mirror.peers().isEmpty()) {
            add("/mirror/role", "role " + mirror.role() + " needs 'peers': the other laptop's HOST:PORT, for example"
                    + " peers: [192.168.1.21:7800]");
        }
        if (mirror.group().isBlank() || !mirror.group().matches("[A-Za-z0-9._-]+")) {
            add("/mirror/group", "'group' is '" + mirror.group() + "'; write a name of letters, digits, '.', '_' or '-'"
                    + " that both laptops use, like encore");
        }
        range("/mirror/detection_ms", "detection_ms", mirror.detectionMs(), 500, 60_000, " milliseconds (3000 is usual)");
        if (!mirror.takeover().equals("manual") && !mirror.takeover().equals("auto")) {
            add("/mirror/takeover", "'takeover' is '" + mirror.takeover() + "'; write manual (wait for /encore/takeover)"
                    + " or auto (take over after takeover_delay_ms)");
        }
        range("/mirror/takeover_delay_ms", "takeover_delay_ms", mirror.takeoverDelayMs(), 0, 600_000, " milliseconds");
        if (mirror.key() != null && mirror.key().isBlank()) {
            add("/mirror/key", "'key' is empty; write the path of the key file `encore mirror-key FILE` made (relative to this"
                    + " map's folder), or leave the key out for an open link");
        }
    }
}
