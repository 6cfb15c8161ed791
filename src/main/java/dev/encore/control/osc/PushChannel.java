package dev.encore.control.osc;

import java.util.List;

/**
 * Where pushes leave Encore: the OSC server's send to every subscriber ({@link JavaOscServer}).
 * Must return at once; the transport queues the message.
 */
@FunctionalInterface
public interface PushChannel {
    /**
     * Sends one message to every subscriber.
     *
     * @param address the OSC address
     * @param args the arguments, as plain values
     */
    void push(String address, List<Object> args);
}
