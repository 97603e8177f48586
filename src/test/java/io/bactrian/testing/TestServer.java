package io.bactrian.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** A loopback server whose every byte and pause is scripted by the test. */
public final class TestServer implements AutoCloseable {

    /** Request as the server received it; header names lower case. */
    public record Request(String method, String target, Map<String, String> headers, String body) {
    }

    public interface RawHandler {
        void handle(Socket socket) throws Exception;
    }

    public interface Handler {
        void handle(Request request, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> requests;

    private TestServer(ServerSocket server, List<Request> requests, RawHandler handler) {
        this.server = server;
        this.requests = requests;
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true); // scripted pauses must not be blurred by Nagle
                    open.add(socket);
                    daemon(() -> {
                        try (socket) {
                            handler.handle(socket);
                        } catch (Exception ignored) {
                            // the probe may hang up early on purpose
                        } finally {
                            open.remove(socket);
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    /** The handler gets the bare socket; for targets that misbehave below HTTP. */
    public static TestServer raw(RawHandler handler) throws IOException {
        return new TestServer(loopback(), new CopyOnWriteArrayList<>(), handler);
    }

    public static TestServer http(Handler handler) throws IOException {
        return serve(loopback(), handler);
    }

    /** A fake service that gives every request the same answer, and records the requests. */
    /** Answers every request alike, one request per connection (said so, or a client reusing it fails). */
    public static TestServer answering(int status, String body, String... headers) throws IOException {
        String[] closing = Arrays.copyOf(headers, headers.length + 1);
        closing[headers.length] = "Connection: close";
        return http((request, out) -> respond(out, status, body, closing));
    }

    public static TestServer https(SSLContext context, Handler handler) throws IOException {
        return serve(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")),
                handler);
    }

    private static ServerSocket loopback() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    private static TestServer serve(ServerSocket server, Handler handler) {
        List<Request> requests = new CopyOnWriteArrayList<>();
        return new TestServer(server, requests, socket -> {
            Request request = readRequest(socket.getInputStream());
            requests.add(request);
            handler.handle(request, socket.getOutputStream());
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String path) {
        return (server instanceof SSLServerSocket ? "https" : "http") + "://127.0.0.1:" + port() + path;
    }

    public List<Request> requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close(); // releases handlers that stall on purpose
        }
    }

    public static Request readRequest(InputStream in) throws IOException {
        String[] requestLine = line(in).split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("client closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A complete response with a Content-Length body. */
    public static void respond(OutputStream out, int status, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Whatever\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
