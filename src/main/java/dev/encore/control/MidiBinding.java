package dev.encore.control;

import java.util.List;

/**
 * One button of a MIDI controller bound to a command: exactly one of {@code note}, {@code cc} or
 * {@code program_change} names the input; {@code channel} 1..16 narrows it (absent: every channel).
 * Timing fields left out fall back to the {@code midi:} section's values. {@code command} is a
 * command name ({@code save}) or its full address ({@code /encore/save}).
 */
public record MidiBinding(
        Integer note,
        Integer cc,
        Integer programChange,
        Integer channel,
        Integer threshold,
        PressKind press,
        Integer longPressMs,
        Integer doublePressMs,
        String command,
        List<Object> args) {

    public MidiBinding {
        press = press == null ? PressKind.PRESS : press;
        if (command != null && command.startsWith(Commands.PREFIX)) {
            command = command.substring(Commands.PREFIX.length());
        }
        args = Commands.oscValues(args);
        // The older layouts' "delete with args [confirm]" meant the confirmation; on the plain address
        // the word would now name a session, so such a binding runs the confirmation address.
        if (("delete".equals(command) || "revert".equals(command)) && args.equals(List.of("confirm"))) {
            command = command + "/confirm";
            args = List.of();
        }
    }

    /** What kind of message this binding listens to; null only in a map that failed validation. */
    public MidiInputKind kind() {
        if (note != null) {
            return MidiInputKind.NOTE;
        }
        if (cc != null) {
            return MidiInputKind.CC;
        }
        return programChange != null ? MidiInputKind.PROGRAM_CHANGE : null;
    }

    /** The note, controller or program number. */
    public int number() {
        return note != null ? note : cc != null ? cc : programChange;
    }

    /** The full OSC-style address the command runs as, for example {@code /encore/save}. */
    public String address() {
        return Commands.PREFIX + command;
    }
}
