package dev.encore.control.midi;

import dev.encore.control.CommandHandler;
import dev.encore.control.MidiController;
import dev.encore.control.MidiSettings;
import dev.encore.control.PressTimer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All MIDI controllers of the map, attached to whatever devices are plugged in. Every rescan attaches
 * new devices to the controller whose name they match (inputs to bindings, outputs to LEDs) and lets
 * go of vanished ones, so a controller unplugged and plugged back in works again without a restart.
 * Status and arming changes go to every controller's LEDs.
 */
public final class MidiRig implements LedFeedback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MidiRig.class);

    private record Input(MidiDevice device, Transmitter transmitter) {
    }

    private record Output(MidiDevice device, Receiver receiver, int controller) {
    }

    private final MidiSettings settings;
    private final MidiDeviceSource source;
    private final CommandHandler handler;
    private final PressTimer timer;
    private final List<MidiLedOutput> leds = new ArrayList<>();
    private final Map<String, Input> inputs = new HashMap<>();
    private final Map<String, Output> outputs = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    private ScheduledExecutorService ownScheduler;

    public MidiRig(MidiSettings settings, MidiDeviceSource source, CommandHandler handler, PressTimer timer) {
        this.settings = settings;
        this.source = source;
        this.handler = handler;
        this.timer = timer;
        for (MidiController controller : settings.controllers()) {
            leds.add(new MidiLedOutput(controller.name(), controller.leds(), controller.initSysex()));
        }
    }

    /**
     * Attaches the devices {@code source} lists now and looks again every {@code rescan_ms}, on a
     * daemon thread of its own that also times long and double presses; {@link #close()} ends it.
     */
    public static MidiRig start(MidiSettings settings, MidiDeviceSource source, CommandHandler handler) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "encore-midi");
            thread.setDaemon(true);
            return thread;
        });
        MidiRig rig = new MidiRig(settings, source, handler, PressTimer.on(scheduler));
        rig.ownScheduler = scheduler;
        scheduler.scheduleWithFixedDelay(rig::rescanQuietly, 0, settings.rescanMs(), TimeUnit.MILLISECONDS);
        return rig;
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            LOG.warn("MIDI device scan failed, trying again in {} ms: {}", settings.rescanMs(), e.toString());
        }
    }

    /** Looks at the devices present now: attaches new ones, lets go of vanished ones. */
    public synchronized void rescan() {
        Map<String, MidiDevice> presentInputs = new HashMap<>();
        Map<String, MidiDevice> presentOutputs = new HashMap<>();
        for (MidiDevice device : source.devices()) {
            if (device.getMaxTransmitters() != 0) {
                presentInputs.put(key(device), device);
            }
            if (device.getMaxReceivers() != 0) {
                presentOutputs.put(key(device), device);
            }
        }
        dropVanished(presentInputs.keySet(), presentOutputs.keySet());
        presentInputs.forEach((key, device) -> {
            if (!inputs.containsKey(key)) {
                attachInput(key, device);
            }
        });
        presentOutputs.forEach((key, device) -> {
            if (!outputs.containsKey(key)) {
                attachOutput(key, device);
            }
        });
    }

    private void attachInput(String key, MidiDevice device) {
        String name = device.getDeviceInfo().getName();
        MidiController best = null;
        int bestMatch = 0;
        for (MidiController controller : settings.controllers()) {
            int match = controller.inputMatch(name);
            if (match > bestMatch) {
                best = controller;
                bestMatch = match;
            }
        }
        if (best == null) {
            return;
        }
        try {
            if (!device.isOpen()) {
                device.open();
            }
            Transmitter transmitter = device.getTransmitter();
            transmitter.setReceiver(new MidiControllerInput(best, settings, name, handler, timer));
            inputs.put(key, new Input(device, transmitter));
            failed.remove("in " + key);
            LOG.info("MIDI input found: {} (controller '{}')", name, best.name());
        } catch (MidiUnavailableException | RuntimeException e) {
            closeIfUnused(device);
            if (failed.add("in " + key)) {
                LOG.warn("MIDI input {} cannot be opened ({}); trying again while it is present", name, e.getMessage());
            }
        }
    }

    private void attachOutput(String key, MidiDevice device) {
        String name = device.getDeviceInfo().getName();
        List<MidiController> controllers = settings.controllers();
        for (int i = 0; i < controllers.size(); i++) {
            if (!controllers.get(i).outputMatches(name)) {
                continue;
            }
            try {
                if (!device.isOpen()) {
                    device.open();
                }
                Receiver receiver = device.getReceiver();
                outputs.put(key, new Output(device, receiver, i));
                failed.remove("out " + key);
                LOG.info("MIDI output found: {} (LEDs of controller '{}')", name, controllers.get(i).name());
                leds.get(i).attach(receiver);
            } catch (MidiUnavailableException | RuntimeException e) {
                closeIfUnused(device);
                if (failed.add("out " + key)) {
                    LOG.warn("MIDI output {} cannot be opened ({}); trying again while it is present", name, e.getMessage());
                }
            }
            return;
        }
    }

    private void dropVanished(Set<String> presentInputs, Set<String> presentOutputs) {
        for (Iterator<Map.Entry<String, Input>> it = inputs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Input> entry = it.next();
            if (!presentInputs.contains(entry.getKey())) {
                it.remove();
                quietly(entry.getValue().transmitter()::close);
                closeIfUnused(entry.getValue().device());
                LOG.info("MIDI input lost: {}", entry.getValue().device().getDeviceInfo().getName());
            }
        }
        for (Iterator<Map.Entry<String, Output>> it = outputs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Output> entry = it.next();
            if (!presentOutputs.contains(entry.getKey())) {
                it.remove();
                leds.get(entry.getValue().controller()).detach();
                quietly(entry.getValue().receiver()::close);
                closeIfUnused(entry.getValue().device());
                LOG.info("MIDI output lost: {}", entry.getValue().device().getDeviceInfo().getName());
            }
        }
        failed.removeIf(k -> !presentInputs.contains(k.substring(k.indexOf(' ') + 1))
                && !presentOutputs.contains(k.substring(k.indexOf(' ') + 1)));
    }

    private void closeIfUnused(MidiDevice device) {
        boolean used = inputs.values().stream().anyMatch(i -> i.device() == device)
                || outputs.values().stream().anyMatch(o -> o.device() == device);
        if (!used) {
            quietly(device::close);
        }
    }

    private static void quietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.debug("closing a vanished MIDI device failed: {}", e.toString());
        }
    }

    private static String key(MidiDevice device) {
        MidiDevice.Info info = device.getDeviceInfo();
        return info.getName() + " | " + info.getVendor() + " | " + info.getDescription();
    }

    /** Names of the input devices attached now, for logs and tests. */
    public synchronized List<String> attachedInputs() {
        return inputs.values().stream().map(i -> i.device().getDeviceInfo().getName()).sorted().toList();
    }

    @Override
    public void onStatus(String state) {
        leds.forEach(led -> led.onStatus(state));
    }

    @Override
    public void onMirror(String state) {
        leds.forEach(led -> led.onMirror(state));
    }

    @Override
    public void onArmed(String action, boolean armed) {
        leds.forEach(led -> led.onArmed(action, armed));
    }

    @Override
    public synchronized void close() {
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        dropVanished(Set.of(), Set.of());
    }
}
