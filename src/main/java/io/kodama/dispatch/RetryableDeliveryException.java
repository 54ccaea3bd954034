package io.kodama.dispatch;

/** The channel cannot take a delivery now; the dispatcher retries it later. */
public class RetryableDeliveryException extends RuntimeException {

  public RetryableDeliveryException(String message) {
    super(message);
  }

  public RetryableDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
