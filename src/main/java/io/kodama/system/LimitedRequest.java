package io.kodama.system;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/** A request whose body stream fails once more than a limit of bytes has been read. */
final class LimitedRequest extends HttpServletRequestWrapper {

  /** Request attribute set once the body went over the limit. */
  static final String TOO_LARGE = LimitedRequest.class.getName() + ".tooLarge";

  private final long limit;
  private long read;
  private ServletInputStream stream;

  LimitedRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      ServletInputStream delegate = super.getInputStream();
      stream = new ServletInputStream() {
        @Override
        public int read() throws IOException {
          int b = delegate.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = delegate.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
          return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          delegate.setReadListener(listener);
        }
      };
    }
    return stream;
  }

  private void count(int n) throws IOException {
    read += n;
    if (read > limit) {
      setAttribute(TOO_LARGE, Boolean.TRUE);
      throw new IOException("Request body larger than " + limit + " bytes");
    }
  }
}
