package io.bactrian.probe.dns;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Asks one DNS server one question (RFC 1035), over UDP, and over TCP when the answer came
 * truncated. The JVM's resolver cannot be pointed at a server, caches, and reads hosts files;
 * a monitor must see exactly what that server answers.
 */
final class DnsClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_UDP = 4096;

    private DnsClient() {
    }

    /** The server's answer: its response code and the records of the asked type, as text. */
    record Answer(int rcode, List<String> values) {
    }

    static Answer query(InetSocketAddress server, String name, RecordType type, long timeoutMillis) throws IOException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        int id = RANDOM.nextInt(0x10000);
        byte[] query = question(id, name, type);
        byte[] reply = udp(server, query, id, end);
        if ((reply[2] & 0x02) != 0) {
            reply = tcp(server, query, end); // truncated: the whole answer comes over TCP
        }
        return parse(reply, id, type);
    }

    private static byte[] question(int id, String name, RecordType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}); // RD, one question
        String ascii = IDN.toASCII(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        for (String label : ascii.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("name '" + name + "': not a DNS name");
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        out.writeBytes(new byte[] {(byte) (type.code() >> 8), (byte) type.code(), 0, 1}); // class IN
        return out.toByteArray();
    }

    private static byte[] udp(InetSocketAddress server, byte[] query, int id, long end) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[MAX_UDP];
            while (true) {
                socket.setSoTimeout(remaining(end));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                // a stray or late datagram is not our answer: keep waiting for the one with our id
                if (packet.getLength() >= 12 && ((buffer[0] & 0xff) << 8 | buffer[1] & 0xff) == id) {
                    return Arrays.copyOf(buffer, packet.getLength());
                }
            }
        }
    }

    private static byte[] tcp(InetSocketAddress server, byte[] query, long end) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, remaining(end));
            socket.setSoTimeout(remaining(end));
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return reply;
        }
    }

    private static int remaining(long end) throws SocketTimeoutException {
        long nanos = end - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("no answer in time");
        }
        return (int) Math.max(1, nanos / 1_000_000);
    }

    private static Answer parse(byte[] reply, int id, RecordType type) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(reply);
            if ((in.getShort() & 0xffff) != id) {
                throw new IOException("answer to another question (id mismatch)");
            }
            int flags = in.getShort() & 0xffff;
            int questions = in.getShort() & 0xffff;
            int answers = in.getShort() & 0xffff;
            in.getShort(); // authority
            in.getShort(); // additional
            for (int i = 0; i < questions; i++) {
                name(reply, in);
                in.getInt(); // type, class
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                name(reply, in);
                int rrType = in.getShort() & 0xffff;
                in.getShort(); // class
                in.getInt(); // TTL
                int length = in.getShort() & 0xffff;
                int start = in.position();
                // a CNAME chain may come first; only records of the asked type are the answer
                if (rrType == type.code()) {
                    values.add(value(reply, in, type, length));
                }
                in.position(start + length);
            }
            return new Answer(flags & 0x0f, values);
        } catch (RuntimeException e) {
            throw new IOException("malformed answer: " + e, e);
        }
    }

    private static String value(byte[] reply, ByteBuffer in, RecordType type, int length) throws IOException {
        return switch (type) {
            case A, AAAA -> {
                byte[] address = new byte[length];
                in.get(address);
                yield InetAddress.getByAddress(address).getHostAddress();
            }
            case CNAME, NS -> name(reply, in);
            case MX -> {
                in.getShort(); // preference
                yield name(reply, in);
            }
            case TXT -> {
                StringBuilder text = new StringBuilder();
                int end = in.position() + length;
                while (in.position() < end) {
                    byte[] part = new byte[in.get() & 0xff];
                    in.get(part);
                    text.append(new String(part, StandardCharsets.UTF_8));
                }
                yield text.toString();
            }
        };
    }

    /** A possibly compressed name, lower case without the final dot. */
    private static String name(byte[] reply, ByteBuffer in) {
        StringBuilder name = new StringBuilder();
        int position = in.position();
        boolean jumped = false;
        for (int hops = 0; hops < 128; hops++) {
            int length = reply[position] & 0xff;
            if ((length & 0xc0) == 0xc0) {
                if (!jumped) {
                    in.position(position + 2);
                }
                jumped = true;
                position = (length & 0x3f) << 8 | reply[position + 1] & 0xff;
                continue;
            }
            if (length == 0) {
                if (!jumped) {
                    in.position(position + 1);
                }
                return name.toString().toLowerCase(Locale.ROOT);
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(reply, position + 1, length, StandardCharsets.US_ASCII));
            position += length + 1;
        }
        throw new IllegalStateException("name compression loop");
    }
}
