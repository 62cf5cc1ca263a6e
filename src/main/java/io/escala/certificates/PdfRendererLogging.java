package io.escala.certificates;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf writes to standard error in its own format by default; this sends it to the application's log
 * (logger {@code com.openhtmltopdf.*}), where its chatter per document stays at DEBUG and a problem is a WARN.
 */
final class PdfRendererLogging implements XRLogger {

  private PdfRendererLogging() {}

  static synchronized void install() {
    if (!(XRLog.getLoggerImpl() instanceof PdfRendererLogging)) {
      XRLog.setLoggerImpl(new PdfRendererLogging());
    }
  }

  @Override
  public void log(String where, Level level, String message) {
    log(where, level, message, null);
  }

  @Override
  public void log(String where, Level level, String message, Throwable error) {
    Logger logger = LoggerFactory.getLogger(where);
    if (level.intValue() >= Level.SEVERE.intValue()) {
      logger.error(message, error);
    } else if (level.intValue() >= Level.WARNING.intValue()) {
      logger.warn(message, error);
    } else {
      logger.debug(message, error);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // levels are the application's logging configuration
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue()
        || LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere()).isDebugEnabled();
  }
}
