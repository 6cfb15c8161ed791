package dev.encore.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;

/**
 * A MIDI pad controller plugged into the daemon for tests: pressing plays real ShortMessages into the
 * receiver the daemon attached to its input, and the LED messages the daemon sends are recorded.
 */
final class PluggedController implements MidiDevice {
    private final Info info;
    private final List<Link> transmitters = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ShortMessage> leds = new LinkedBlockingQueue<>();
    private volatile boolean open;

    PluggedController(String name) {
        this.info = new Info(name, "test vendor", "pads", "1.0") {
        };
    }

    void play(int command, int data1, int data2) throws Exception {
        ShortMessage message = new ShortMessage(command, 0, data1, data2);
        for (Link link : transmitters) {
            if (link.receiver != null) {
                link.receiver.send(message, -1);
            }
        }
    }

    /** Waits for the LED note to be sent with this velocity, skipping other LED messages. */
    ShortMessage awaitLed(int note, int velocity) throws InterruptedException {
        long deadline = System.currentTimeMillis() + OscClient.WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            ShortMessage led = leds.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (led != null && led.getCommand() == ShortMessage.NOTE_ON && led.getData1() == note && led.getData2() == velocity) {
                return led;
            }
        }
        throw new AssertionError("LED note " + note + " never got velocity " + velocity);
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
        return -1;
    }

    @Override
    public int getMaxTransmitters() {
        return -1;
    }

    @Override
    public Receiver getReceiver() {
        return new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                if (message instanceof ShortMessage s) {
                    leds.add(s);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public Transmitter getTransmitter() {
        Link link = new Link();
        transmitters.add(link);
        return link;
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }

    private final class Link implements Transmitter {
        private volatile Receiver receiver;

        @Override
        public void setReceiver(Receiver r) {
            receiver = r;
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
