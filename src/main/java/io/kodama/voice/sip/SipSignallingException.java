package io.kodama.voice.sip;

/** SIP signalling could not be started or a request could not be sent. */
public final class SipSignallingException extends RuntimeException {

  public SipSignallingException(String message, Throwable cause) {
    super(message, cause);
  }
}
