package dev.flotilla.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port to a server, which can be paused: while paused it forwards nothing either way
 * (what it reads is held, as a frozen server's kernel holds what it is sent) until resumed. A client whose connection
 * ends while paused has what it sent forwarded on resuming, then its server connection closed, as a frozen server would
 * read it on waking. Closing the proxy closes every connection.
 */
public final class PausableProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final String host;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private boolean paused;

    private PausableProxy(ServerSocket socket, String host, int port) {
        this.socket = socket;
        this.host = host;
        this.port = port;
    }

    /** Starts forwarding a free loopback port to {@code host:port}. */
    public static PausableProxy to(String host, int port) throws IOException {
        PausableProxy proxy = new PausableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
        Thread.ofVirtual().start(proxy::acceptUntilClosed);
        return proxy;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    private synchronized void awaitRunning() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    private void acceptUntilClosed() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(host, port);
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                awaitRunning();
                out.write(buffer, 0, read);
                out.flush();
            }
            awaitRunning();
        } catch (IOException | InterruptedException ended) {
            // One side closed: the other is closed below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }

    @Override
    public void close() throws IOException {
        resume();
        socket.close();
        open.forEach(PausableProxy::closeQuietly);
    }
}
