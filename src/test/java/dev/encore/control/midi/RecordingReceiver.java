package dev.encore.control.midi;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/** A MIDI output that keeps what it was sent, as "command channel data1 data2" lines for short messages. */
final class RecordingReceiver implements Receiver {
    final List<MidiMessage> messages = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void send(MidiMessage message, long timeStamp) {
        if (closed) {
            throw new IllegalStateException("receiver closed");
        }
        messages.add((MidiMessage) message.clone());
    }

    /** Short messages as {@code "NOTE_ON ch7 56 21"} lines, in the order sent. */
    synchronized List<String> lines() {
        return messages.stream().filter(ShortMessage.class::isInstance).map(ShortMessage.class::cast)
                .map(RecordingReceiver::line).toList();
    }

    static String line(ShortMessage m) {
        String command = switch (m.getCommand()) {
            case ShortMessage.NOTE_ON -> "NOTE_ON";
            case ShortMessage.NOTE_OFF -> "NOTE_OFF";
            case ShortMessage.CONTROL_CHANGE -> "CC";
            default -> "STATUS_" + m.getCommand();
        };
        return command + " ch" + (m.getChannel() + 1) + " " + m.getData1() + " " + m.getData2();
    }

    synchronized void clear() {
        messages.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
