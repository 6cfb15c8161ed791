package dev.encore.app.cli;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One TCP connection to a running daemon's OSC port, in the framing its map names (SLIP or a
 * 32-bit size before each packet): commands out, replies and pushes in.
 */
final class DaemonConnection implements AutoCloseable {
    private static final int END = 0xC0;
    private static final int ESC = 0xDB;

    private final Socket socket;
    private final boolean slip;
    private final DataInputStream in;
    private final String where;

    private DaemonConnection(Socket socket, boolean slip, String where) throws IOException {
        this.socket = socket;
        this.slip = slip;
        this.in = new DataInputStream(socket.getInputStream());
        this.where = where;
    }

    /** Connects, or says that nothing answers there and what to do. */
    static DaemonConnection open(String host, int port, String framing, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return new DaemonConnection(socket, framing.equals("slip"), host + " port " + port);
        } catch (java.net.ConnectException e) {
            socket.close();
            throw new EncoreException(Reason.GENERAL, "No Encore answers on " + host + " port " + port + " (TCP): start the daemon,"
                    + " or give --port (and --host) where it listens.");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    String where() {
        return where;
    }

    void send(OscMessage message) throws IOException {
        byte[] packet = message.encode();
        ByteArrayOutputStream frame = new ByteArrayOutputStream(packet.length + 8);
        if (slip) {
            frame.write(END);
            for (byte b : packet) {
                int v = b & 0xFF;
                if (v == END) {
                    frame.write(ESC);
                    frame.write(0xDC);
                } else if (v == ESC) {
                    frame.write(ESC);
                    frame.write(0xDD);
                } else {
                    frame.write(v);
                }
            }
            frame.write(END);
        } else {
            new java.io.DataOutputStream(frame).writeInt(packet.length);
            frame.write(packet);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next message; null for a packet that is not one (a bundle); SocketTimeoutException when none comes in time. */
    OscMessage receive() throws IOException {
        return OscMessage.decode(readPacket());
    }

    private byte[] readPacket() throws IOException {
        if (!slip) {
            byte[] packet = new byte[in.readInt()];
            in.readFully(packet);
            return packet;
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        while (true) {
            int v = next(in);
            if (v == END) {
                if (packet.size() > 0) {
                    return packet.toByteArray();
                }
            } else if (v == ESC) {
                int e = next(in);
                packet.write(e == 0xDC ? END : e == 0xDD ? ESC : e);
            } else {
                packet.write(v);
            }
        }
    }

    private static int next(InputStream in) throws IOException {
        int v = in.read();
        if (v < 0) {
            throw new java.io.EOFException("the daemon closed the connection");
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
