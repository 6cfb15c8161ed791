package dev.encore.control.midi;

import dev.encore.control.CommandHandler;
import dev.encore.control.Commands;
import dev.encore.control.ControlCommand;
import dev.encore.control.MidiBinding;
import dev.encore.control.MidiController;
import dev.encore.control.MidiInputKind;
import dev.encore.control.MidiSettings;
import dev.encore.control.PressGestures;
import dev.encore.control.PressKind;
import dev.encore.control.PressTimer;
import dev.encore.control.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of one MIDI input device: decodes note on/off, control changes (pressed at or
 * above the threshold) and program changes, runs them through the controller's bindings and press
 * gestures, and hands the resulting commands to the engine. Replies only reach the log; the LEDs
 * show errors through the status.
 */
public final class MidiControllerInput implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(MidiControllerInput.class);

    private record Button(MidiInputKind kind, int channel, int number) {
    }

    private final MidiController controller;
    private final String origin;
    private final CommandHandler handler;
    private final PressGestures<MidiBinding> gestures;
    private final Map<Button, PressGestures.Plan<MidiBinding>> plans = new HashMap<>();
    private final Map<Button, Integer> thresholds = new HashMap<>();

    public MidiControllerInput(MidiController controller, MidiSettings settings, String deviceName,
            CommandHandler handler, PressTimer timer) {
        this.controller = controller;
        this.origin = "midi " + deviceName;
        this.handler = handler;
        this.gestures = new PressGestures<>(timer, this::run);
        Map<Button, MidiBinding[]> byButton = new HashMap<>();
        for (MidiBinding binding : controller.bindings()) {
            Button button = new Button(binding.kind(), binding.channel() == null ? 0 : binding.channel(), binding.number());
            byButton.computeIfAbsent(button, b -> new MidiBinding[3])[binding.press().ordinal()] = binding;
            if (binding.threshold() != null) {
                thresholds.putIfAbsent(button, binding.threshold());
            }
        }
        byButton.forEach((button, bound) -> plans.put(button, new PressGestures.Plan<>(
                bound[PressKind.PRESS.ordinal()], bound[PressKind.LONG.ordinal()], bound[PressKind.DOUBLE.ordinal()],
                timing(bound[PressKind.LONG.ordinal()], true, settings),
                timing(bound[PressKind.DOUBLE.ordinal()], false, settings))));
        int ccThreshold = settings.ccThreshold();
        plans.keySet().stream().filter(b -> b.kind() == MidiInputKind.CC)
                .forEach(b -> thresholds.putIfAbsent(b, ccThreshold));
    }

    private static long timing(MidiBinding binding, boolean longPress, MidiSettings settings) {
        Integer own = binding == null ? null : longPress ? binding.longPressMs() : binding.doublePressMs();
        if (own != null) {
            return own;
        }
        return longPress ? settings.longPressMs() : settings.doublePressMs();
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        if (!(message instanceof ShortMessage shortMessage)) {
            return;
        }
        try {
            decode(shortMessage);
        } catch (RuntimeException e) {
            LOG.warn("MIDI {}: could not handle {}: {}", origin, describe(shortMessage), e.toString());
        }
    }

    private void decode(ShortMessage message) {
        int channel = message.getChannel() + 1;
        int data1 = message.getData1();
        int data2 = message.getData2();
        switch (message.getCommand()) {
            case ShortMessage.NOTE_ON -> edge(MidiInputKind.NOTE, channel, data1, data2 > 0);
            case ShortMessage.NOTE_OFF -> edge(MidiInputKind.NOTE, channel, data1, false);
            case ShortMessage.CONTROL_CHANGE -> {
                Button button = find(MidiInputKind.CC, channel, data1);
                if (button != null) {
                    edge(button, data2 >= thresholds.get(button));
                }
            }
            case ShortMessage.PROGRAM_CHANGE -> programChange(channel, data1);
            default -> {
            }
        }
    }

    private void edge(MidiInputKind kind, int channel, int number, boolean down) {
        Button button = find(kind, channel, number);
        if (button != null) {
            edge(button, down);
        }
    }

    private void edge(Button button, boolean down) {
        PressGestures.Plan<MidiBinding> plan = plans.get(button);
        if (down) {
            gestures.down(button, plan);
        } else {
            gestures.up(button, plan);
        }
    }

    private void programChange(int channel, int program) {
        Button button = find(MidiInputKind.PROGRAM_CHANGE, channel, program);
        if (button != null) {
            run(plans.get(button).press());
        } else if (controller.programChange()) {
            submit(new ControlCommand(Commands.PREFIX + "open", List.of(program + 1), origin));
        }
    }

    private Button find(MidiInputKind kind, int channel, int number) {
        Button exact = new Button(kind, channel, number);
        if (plans.containsKey(exact)) {
            return exact;
        }
        Button omni = new Button(kind, 0, number);
        return plans.containsKey(omni) ? omni : null;
    }

    private void run(MidiBinding binding) {
        submit(new ControlCommand(binding.address(), binding.args(), origin));
    }

    private void submit(ControlCommand command) {
        handler.handle(command, reply -> {
            if (reply instanceof Reply.Error error) {
                LOG.warn("{}: {} failed ({}): {}", origin, command.address(), error.reason(), error.message());
            } else {
                LOG.debug("{}: {} done", origin, command.address());
            }
        });
    }

    private static String describe(ShortMessage m) {
        return "status " + m.getCommand() + " channel " + (m.getChannel() + 1) + " data " + m.getData1() + "," + m.getData2();
    }

    @Override
    public void close() {
        LOG.debug("MIDI input {} closed", origin);
    }
}
