package io.kodama.voice.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message log of the stack ({@code gov.nist.javax.sip.SERVER_LOGGER}). Only the first line of each
 * message is logged, at TRACE: bodies and headers may carry numbers and, in INFO, key presses.
 */
public final class Slf4jServerLogger implements ServerLogger {

  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip.messages");

  public Slf4jServerLogger() {}

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, boolean sender, long time) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} -> {}: {}", sender ? "sent" : "received", from, to, firstLine(message));
    }
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    logMessage(message, from, to, sender, time);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    logMessage(message, from, to, sender, 0L);
  }

  @Override
  public void logException(Exception ex) {
    LOG.warn("JAIN-SIP message processing failed", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public void setSipStack(SipStack sipStack) {}

  private static String firstLine(SIPMessage message) {
    String line = message.getFirstLine();
    // the request URI names the dialled number: keep only the method
    return line == null ? "" : line.strip().replaceAll("sip:[^@ ]*@", "sip:***@");
  }
}
