package io.kodama.webhook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

/**
 * The webhook sender's idle keep-alive connections, kept by route (the checked address connected
 * to, the port, the host name TLS verified, and the scheme), most recently used first. A connection
 * idle for longer than {@code maxIdleNanos} is closed rather than reused: receivers close idle
 * connections on their side (Node.js after 5 s), and a request on such a connection never arrives.
 */
final class IdleConnections implements AutoCloseable {

  /** Where a connection goes: a connection is only reused for the same route. */
  record Route(boolean https, String host, InetAddress address, int port) {}

  /** An open connection and its buffered input; {@code reused} once it came from the idle ones. */
  static final class Connection {
    final Socket socket;
    final InputStream in;
    private boolean reused;
    private long idleSince;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 1024);
    }

    boolean reused() {
      return reused;
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }

  private final Map<Route, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private final int perRoute;
  private final long maxIdleNanos;
  private final LongSupplier nanos;
  private volatile long lastSweep;

  IdleConnections(int perRoute, long maxIdleNanos, LongSupplier nanos) {
    this.perRoute = perRoute;
    this.maxIdleNanos = maxIdleNanos;
    this.nanos = nanos;
    this.lastSweep = nanos.getAsLong();
  }

  /** An idle connection of the route that is not too old, marked as reused; null when there is none. */
  Connection take(Route route) {
    Deque<Connection> connections = idle.get(route);
    if (connections == null) {
      return null;
    }
    long now = nanos.getAsLong();
    Connection connection;
    while ((connection = connections.pollFirst()) != null) {
      if (now - connection.idleSince < maxIdleNanos) {
        connection.reused = true;
        return connection;
      }
      connection.close();
    }
    return null;
  }

  /** Keeps a connection whose last response was read completely; closes what is too many or too old. */
  void give(Route route, Connection connection) {
    long now = nanos.getAsLong();
    connection.idleSince = now;
    Deque<Connection> connections = idle.computeIfAbsent(route, r -> new ConcurrentLinkedDeque<>());
    connections.offerFirst(connection);
    while (connections.size() > perRoute) {
      Connection oldest = connections.pollLast();
      if (oldest != null) {
        oldest.close();
      }
    }
    if (now - lastSweep > maxIdleNanos) {
      lastSweep = now;
      // routes that are no longer used would otherwise hold their sockets open
      idle.values().forEach(all -> all.forEach(old -> {
        if (now - old.idleSince >= maxIdleNanos && all.remove(old)) {
          old.close();
        }
      }));
    }
  }

  int size() {
    return idle.values().stream().mapToInt(Deque::size).sum();
  }

  @Override
  public void close() {
    idle.values().forEach(all -> {
      Connection connection;
      while ((connection = all.pollFirst()) != null) {
        connection.close();
      }
    });
  }
}
