package dev.encore.control.midi;

import dev.encore.control.LedMap;
import dev.encore.control.LedMessage;
import dev.encore.control.MirrorLeds;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lights one controller's LEDs from status and arming changes, through the note or CC messages its
 * map names. It remembers what it last showed, so a controller plugged back in gets its SysEx set-up
 * and the current LEDs again at once.
 */
public final class MidiLedOutput implements LedFeedback {
    private static final Logger LOG = LoggerFactory.getLogger(MidiLedOutput.class);

    private final String controllerName;
    private final LedMap leds;
    private final List<String> initSysex;
    private final Map<String, Boolean> armed = new LinkedHashMap<>();
    private Receiver out;
    private String status;
    private String mirror;

    public MidiLedOutput(String controllerName, LedMap leds, List<String> initSysex) {
        this.controllerName = controllerName;
        this.leds = leds;
        this.initSysex = List.copyOf(initSysex);
    }

    /** Sends to this receiver from now on, starting with the SysEx set-up and the LEDs as they are. */
    public synchronized void attach(Receiver receiver) {
        out = receiver;
        for (String sysex : initSysex) {
            sendSysex(sysex);
        }
        if (status != null) {
            send(leds.status().forState(status));
        }
        armed.forEach((action, isArmed) -> send(leds.forArmed(action, isArmed)));
        if (mirror != null) {
            send(leds.mirror().forState(mirror));
        }
    }

    /** The device is gone; state changes are still remembered for when it comes back. */
    public synchronized void detach() {
        out = null;
    }

    @Override
    public synchronized void onStatus(String state) {
        status = state;
        send(leds.status().forState(state));
    }

    @Override
    public synchronized void onMirror(String state) {
        if (!MirrorLeds.STATES.contains(state)) {
            return;
        }
        mirror = state;
        send(leds.mirror().forState(state));
    }

    @Override
    public synchronized void onArmed(String action, boolean isArmed) {
        armed.put(action, isArmed);
        send(leds.forArmed(action, isArmed));
    }

    private void send(List<LedMessage> messages) {
        for (LedMessage led : messages) {
            try {
                ShortMessage message = led.note() != null
                        ? new ShortMessage(ShortMessage.NOTE_ON, led.channel() - 1, led.note(), led.velocity())
                        : new ShortMessage(ShortMessage.CONTROL_CHANGE, led.channel() - 1, led.cc(), led.value());
                deliver(message);
            } catch (InvalidMidiDataException e) {
                LOG.warn("LED message {} for {} is not valid MIDI: {}", led, controllerName, e.getMessage());
            }
        }
    }

    private void sendSysex(String hex) {
        try {
            byte[] bytes = HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
            deliver(new SysexMessage(bytes, bytes.length));
        } catch (InvalidMidiDataException | IllegalArgumentException e) {
            LOG.warn("set-up SysEx '{}' for {} was not sent: {}", hex, controllerName, e.getMessage());
        }
    }

    private void deliver(MidiMessage message) {
        if (out == null) {
            return;
        }
        try {
            out.send(message, -1);
        } catch (IllegalStateException e) {
            LOG.debug("LED output of {} is closed: {}", controllerName, e.getMessage());
        }
    }
}
