package dev.encore.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/** A MIDI output that keeps what it was sent, as "command channel data1 data2" lines for short messages. */
public final class RecordingReceiver implements Receiver {
    private final List<MidiMessage> messages = new ArrayList<>();
    private boolean closed;

    @Override
    public synchronized void send(MidiMessage message, long timeStamp) {
        if (closed) {
            throw new IllegalStateException("receiver closed");
        }
        messages.add((MidiMessage) message.clone());
        notifyAll();
    }

    /**
     * Waits until a short message at index {@code from} or later matches, and returns the index
     * after it (where the next wait starts); fails the test when none arrives in time.
     */
    public synchronized int await(int from, Predicate<ShortMessage> wanted, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (int i = from; ; ) {
            for (; i < messages.size(); i++) {
                if (messages.get(i) instanceof ShortMessage m && wanted.test(m)) {
                    return i + 1;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError(what + " never arrived; got " + lines());
            }
            wait(left);
        }
    }

    /** Every message received (copies), in the order sent. */
    public synchronized List<MidiMessage> messages() {
        return List.copyOf(messages);
    }

    /** Short messages as {@code "NOTE_ON ch7 56 21"} lines, in the order sent. */
    public synchronized List<String> lines() {
        return messages.stream().filter(ShortMessage.class::isInstance).map(ShortMessage.class::cast)
                .map(RecordingReceiver::line).toList();
    }

    public static String line(ShortMessage m) {
        String command = switch (m.getCommand()) {
            case ShortMessage.NOTE_ON -> "NOTE_ON";
            case ShortMessage.NOTE_OFF -> "NOTE_OFF";
            case ShortMessage.CONTROL_CHANGE -> "CC";
            default -> "STATUS_" + m.getCommand();
        };
        return command + " ch" + (m.getChannel() + 1) + " " + m.getData1() + " " + m.getData2();
    }

    public synchronized void clear() {
        messages.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
