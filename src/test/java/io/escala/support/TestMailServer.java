package io.escala.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;

/** One GreenMail SMTP server per test JVM, on a fixed free port so it can be stopped and started again. */
public final class TestMailServer {

  private static final int PORT = freePort();
  private static GreenMail greenMail;

  private TestMailServer() {}

  public static synchronized int port() {
    start();
    return PORT;
  }

  public static synchronized void start() {
    if (greenMail == null) {
      greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      greenMail.start();
    }
  }

  /** Simulates the SMTP server going down. */
  public static synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  public static synchronized MimeMessage[] received() {
    start();
    return greenMail.getReceivedMessages();
  }

  public static synchronized void purge() {
    start();
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
