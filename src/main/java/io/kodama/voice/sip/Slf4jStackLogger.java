package io.kodama.voice.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JAIN-SIP's own log lines to SLF4J instead of log4j 1.x. Public with a no-argument
 * constructor because the stack instantiates it by name ({@code gov.nist.javax.sip.STACK_LOGGER}).
 */
public final class Slf4jStackLogger implements StackLogger {

  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

  private volatile boolean enabled = true;
  // gov.nist.javax.sip.TRACE_LEVEL: 0 lets only warnings and errors through, never message dumps
  private volatile int traceLevel = TRACE_WARN;

  public Slf4jStackLogger() {}

  @Override
  public void logStackTrace() {
    if (LOG.isTraceEnabled()) {
      LOG.trace("stack trace", new Throwable("stack trace"));
    }
  }

  @Override
  public void logStackTrace(int traceLevel) {
    logStackTrace();
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    LOG.warn("JAIN-SIP exception", ex);
  }

  @Override
  public void logDebug(String message) {
    if (traceLevel >= TRACE_DEBUG) {
      LOG.debug(message);
    }
  }

  @Override
  public void logDebug(String message, Exception ex) {
    if (traceLevel >= TRACE_DEBUG) {
      LOG.debug(message, ex);
    }
  }

  @Override
  public void logTrace(String message) {
    if (traceLevel >= TRACE_TRACE) {
      LOG.trace(message);
    }
  }

  @Override
  public void logFatalError(String message) {
    LOG.error(message);
  }

  @Override
  public void logError(String message) {
    LOG.error(message);
  }

  @Override
  public boolean isLoggingEnabled() {
    return enabled;
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    if (!enabled || logLevel > traceLevel) {
      return false;
    }
    if (logLevel >= TRACE_TRACE) {
      return LOG.isTraceEnabled();
    }
    if (logLevel >= TRACE_DEBUG) {
      return LOG.isDebugEnabled();
    }
    if (logLevel >= TRACE_INFO) {
      return LOG.isDebugEnabled();
    }
    if (logLevel >= TRACE_WARN) {
      return LOG.isWarnEnabled();
    }
    return logLevel > TRACE_NONE && LOG.isErrorEnabled();
  }

  @Override
  public void logError(String message, Exception ex) {
    LOG.error(message, ex);
  }

  @Override
  public void logWarning(String message) {
    if (isTlsNotice(message)) {
      // we listen on UDP and TCP only; the stack warns about TLS defaults at every start
      LOG.debug(message);
    } else {
      LOG.warn(message);
    }
  }

  private static boolean isTlsNotice(String message) {
    String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("tls") || m.contains("keystore") || m.contains("truststore");
  }

  @Override
  public void logInfo(String message) {
    // the stack's INFO is per-message chatter
    if (traceLevel >= TRACE_INFO) {
      LOG.debug(message);
    }
  }

  @Override
  public void disableLogging() {
    enabled = false;
  }

  @Override
  public void enableLogging() {
    enabled = true;
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {
    String level = stackProperties.getProperty("gov.nist.javax.sip.TRACE_LEVEL", "0").trim();
    int parsed;
    try {
      parsed = Integer.parseInt(level);
    } catch (NumberFormatException e) {
      parsed = switch (level.toUpperCase(java.util.Locale.ROOT)) {
        case "DEBUG" -> TRACE_DEBUG;
        case "TRACE" -> TRACE_TRACE;
        case "INFO" -> TRACE_INFO;
        default -> TRACE_NONE;
      };
    }
    traceLevel = Math.max(TRACE_WARN, parsed);
  }

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
