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
 * read it on waking. It can pause at a request: the one holding a marker is held, and so is everything after it, until
 * resumed, as when a server freezes just as that request is sent. It can also cut a reply: the request holding a marker
 * reaches the server, and the connection is closed instead of its reply forwarded, as when the server's process is killed
 * once it has done the work. It counts the connections it accepted, and the requests holding a marker (a statement's
 * text). Closing the proxy closes every connection.
 */
public final class PausableProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final String host;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private boolean paused;
    /** The marker of the request to pause at; null when none is. */
    private byte[] pauseMarker;
    /** The marker of the request whose reply is to be cut; null when none is. */
    private byte[] cutMarker;
    /** The client whose next reply is cut: its request with the marker has gone to the server. */
    private Socket cutting;
    private int cuts;
    /** The markers whose requests are counted; empty when none is. */
    private byte[][] countedMarkers = new byte[0][];
    private int counted;
    private int accepted;

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

    /** Pauses at the next request that holds {@code marker} (once): it is held, not sent, until {@link #resume()}. */
    public synchronized void pauseAt(byte[] marker) {
        pauseMarker = marker.clone();
    }

    /** Cuts the reply to the next request that holds {@code marker} (once): the connection is closed both ways instead. */
    public synchronized void cutReplyTo(byte[] marker) {
        cutMarker = marker.clone();
    }

    /** Counts from now on the requests that hold any of {@code markers} ({@link #requestsHolding()}), from zero. */
    public synchronized void countRequestsHolding(byte[]... markers) {
        countedMarkers = java.util.Arrays.stream(markers).map(byte[]::clone).toArray(byte[][]::new);
        counted = 0;
    }

    /** How many requests held a marker {@link #countRequestsHolding} named since. */
    public synchronized int requestsHolding() {
        return counted;
    }

    /** How many connections clients opened through the proxy since it started: one login each. */
    public synchronized int connections() {
        return accepted;
    }

    /** How many replies were cut. */
    public synchronized int cuts() {
        return cuts;
    }

    /**
     * Notes a request from {@code client} on its way to the server: the one with the pause marker pauses the proxy, the one
     * with the cut marker has its reply cut.
     */
    private synchronized void sending(Socket client, byte[] buffer, int length) {
        if (pauseMarker != null && contains(buffer, length, pauseMarker)) {
            pauseMarker = null;
            paused = true;
        }
        if (java.util.Arrays.stream(countedMarkers).anyMatch(marker -> contains(buffer, length, marker))) {
            counted++;
        }
        if (cutMarker != null && contains(buffer, length, cutMarker)) {
            cutMarker = null;
            cutting = client;
        }
    }

    /** Whether the reply on its way to {@code client} is to be cut (and so it is, once). */
    private synchronized boolean cutsReplyTo(Socket client) {
        if (cutting != client) {
            return false;
        }
        cutting = null;
        cuts++;
        return true;
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        for (int start = 0; start + marker.length <= length; start++) {
            if (java.util.Arrays.equals(buffer, start, start + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
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
                synchronized (this) {
                    accepted++;
                }
                Socket server = new Socket(host, port);
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, client));
                Thread.ofVirtual().start(() -> pump(server, client, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Forwards what {@code from} sends to {@code to}, for {@code client}'s connection; both are closed when it ends. */
    private void pump(Socket from, Socket to, Socket client) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                awaitRunning();
                if (from == client) {
                    sending(client, buffer, read);
                    awaitRunning(); // held here when this very request paused the proxy
                } else if (cutsReplyTo(client)) {
                    return;
                }
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
