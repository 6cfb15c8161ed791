package dev.encore.control.midi;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/** A plug-in MIDI controller for tests: buttons are played into its transmitters, LEDs land in {@link #leds}. */
final class FakeMidiDevice implements MidiDevice {
    private final Info info;
    private final boolean hasInput;
    private final boolean hasOutput;
    private final List<FakeTransmitter> transmitters = new ArrayList<>();
    final RecordingReceiver leds = new RecordingReceiver();
    boolean open;
    int timesClosed;

    FakeMidiDevice(String name, boolean hasInput, boolean hasOutput) {
        this.info = new Info(name, "test vendor", "test port", "1.0") {
        };
        this.hasInput = hasInput;
        this.hasOutput = hasOutput;
    }

    /** Sends a message from the controller, as a button press would. */
    void play(MidiMessage message) {
        for (FakeTransmitter transmitter : List.copyOf(transmitters)) {
            if (transmitter.receiver != null && open) {
                transmitter.receiver.send(message, -1);
            }
        }
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
        Receiver receiver;

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
