package io.kodama.sms.smpp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;

/**
 * Plain TCP connections with TCP_NODELAY (jSMPP's default factory leaves Nagle on, which stalls
 * request/response round trips by ~40 ms) and a per-thread record of whether any byte of the
 * current request was handed to the socket: a request whose write failed or never happened was
 * not sent (jSMPP writes a PDU in one call, and a write that throws queues nothing of a PDU this
 * small) and may be sent again on a new session; one whose write succeeded may have arrived and
 * is never resent.
 */
final class NoDelayConnectionFactory implements ConnectionFactory {

  private static final ThreadLocal<boolean[]> WROTE = ThreadLocal.withInitial(() -> new boolean[1]);

  private final int connectTimeoutMillis;

  NoDelayConnectionFactory(int connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /** Forgets what this thread wrote; call before sending a request. */
  static void resetWriteMark() {
    WROTE.get()[0] = false;
  }

  /** Whether a write of this thread succeeded since {@link #resetWriteMark()}. */
  static boolean wroteSinceMark() {
    return WROTE.get()[0];
  }

  @Override
  public Connection createConnection(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      return new TrackedConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static final class TrackedConnection implements Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    TrackedConnection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = new MarkingOutputStream(socket.getOutputStream());
    }

    @Override
    public boolean isOpen() {
      return !socket.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
      return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
      return socket.getPort();
    }

    @Override
    public int getLocalPort() {
      return socket.getLocalPort();
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws IOException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class MarkingOutputStream extends FilterOutputStream {
    MarkingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      WROTE.get()[0] = true;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      WROTE.get()[0] = true;
    }
  }
}
