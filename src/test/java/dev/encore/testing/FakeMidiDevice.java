package dev.encore.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;

/**
 * A plug-in MIDI controller for tests: buttons are played into its transmitters, LEDs land in
 * {@link #leds}. Safe to play from the test thread while the code under test sends LEDs from its own.
 */
public final class FakeMidiDevice implements MidiDevice {
    private static final long LED_WAIT_MS = 10_000;
    private final Info info;
    private final boolean hasInput;
    private final boolean hasOutput;
    private final List<FakeTransmitter> transmitters = new CopyOnWriteArrayList<>();
    public final RecordingReceiver leds = new RecordingReceiver();
    public volatile int timesClosed;
    private volatile boolean open;
    private int ledCursor;

    public FakeMidiDevice(String name, boolean hasInput, boolean hasOutput) {
        this.info = new Info(name, "test vendor", "test port", "1.0") {
        };
        this.hasInput = hasInput;
        this.hasOutput = hasOutput;
    }

    /** Sends a message from the controller, as a button press would. */
    public void play(MidiMessage message) {
        for (FakeTransmitter transmitter : transmitters) {
            if (transmitter.receiver != null && open) {
                transmitter.receiver.send(message, -1);
            }
        }
    }

    /** Plays a channel-1 short message (note on or off, control change, program change). */
    public void play(int command, int data1, int data2) {
        try {
            play(new ShortMessage(command, 0, data1, data2));
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Waits for the LED note to be sent with this velocity, after the last one waited for. */
    public void awaitLed(int note, int velocity) throws InterruptedException {
        ledCursor = leds.await(ledCursor, m -> m.getCommand() == ShortMessage.NOTE_ON && m.getData1() == note
                && m.getData2() == velocity, LED_WAIT_MS, "LED note " + note + " with velocity " + velocity);
    }

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        open = false;
        timesClosed++;
        transmitters.clear();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long getMicrosecondPosition() {
        return -1;
    }

    @Override
    public int getMaxReceivers() {
        return hasOutput ? -1 : 0;
    }

    @Override
    public int getMaxTransmitters() {
        return hasInput ? -1 : 0;
    }

    @Override
    public Receiver getReceiver() throws MidiUnavailableException {
        if (!hasOutput) {
            throw new MidiUnavailableException("no output");
        }
        return leds;
    }

    @Override
    public List<Receiver> getReceivers() {
        return hasOutput ? List.of(leds) : List.of();
    }

    @Override
    public Transmitter getTransmitter() throws MidiUnavailableException {
        if (!hasInput) {
            throw new MidiUnavailableException("no input");
        }
        FakeTransmitter transmitter = new FakeTransmitter();
        transmitters.add(transmitter);
        return transmitter;
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }

    private final class FakeTransmitter implements Transmitter {
        private volatile Receiver receiver;

        @Override
        public void setReceiver(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public Receiver getReceiver() {
            return receiver;
        }

        @Override
        public void close() {
            transmitters.remove(this);
        }
    }
}
