package dev.encore.control.osc;

import dev.encore.control.TcpFraming;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A TCP controller stand-in on a plain java.net.Socket that frames by hand, in SLIP or with a size prefix. */
final class TcpProbe implements AutoCloseable {
    private final Socket socket;
    private final TcpFraming framing;
    private final DataInputStream in;
    private final DataOutputStream out;

    TcpProbe(int port, TcpFraming framing) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
        socket.setSoTimeout(5_000);
        this.framing = framing;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    void send(byte[] packet) throws IOException {
        if (framing == TcpFraming.SLIP) {
            out.write(OscBytes.slip(packet));
        } else {
            out.writeInt(packet.length);
            out.write(packet);
        }
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    OscBytes.Msg receive() throws IOException {
        return OscBytes.decode(framing == TcpFraming.SLIP ? readSlipFrame() : readSizedFrame());
    }

    /** True when the server closed the connection (end of stream or reset) within 5 s. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private byte[] readSizedFrame() throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    private byte[] readSlipFrame() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while (true) {
            int b = in.readUnsignedByte();
            if (b == 0xC0) {
                if (frame.size() > 0) {
                    return frame.toByteArray();
                }
            } else if (b == 0xDB) {
                int next = in.readUnsignedByte();
                frame.write(next == 0xDC ? 0xC0 : next == 0xDD ? 0xDB : -1);
            } else {
                frame.write(b);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
