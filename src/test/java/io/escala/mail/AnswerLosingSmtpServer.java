package io.escala.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP server that takes every message it is given, but keeps back its answer to the end of DATA for the
 * first {@code answersToLose} messages until the client gives up and hangs up: the client sees a read timeout
 * although the message was received, the ambiguous outcome of a server that answers too late. (GreenMail cannot
 * delay an answer.) No sleep: the server waits for the client's timeout, whatever it is set to.
 */
final class AnswerLosingSmtpServer implements AutoCloseable {

  private final ServerSocket listener;
  private final AtomicInteger answersToLose;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  AnswerLosingSmtpServer(int answersToLose) {
    this.answersToLose = new AtomicInteger(answersToLose);
    try {
      listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptConnections, "answer-losing-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Every message the server took, answered or not, in arrival order. */
  List<MimeMessage> receivedMessages() {
    Session session = Session.getInstance(new Properties());
    return received.stream().map(raw -> {
      try {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  // One connection at a time: the sender's attempts are sequential.
  private void acceptConnections() {
    while (!listener.isClosed()) {
      try (Socket client = listener.accept()) {
        client.setSoTimeout(30_000); // a broken test must not hang the build
        converse(client);
      } catch (IOException closedOrBroken) {
        // the client hung up (expected after a lost answer) or the server is closing
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
    OutputStream out = client.getOutputStream();
    reply(out, "220 fake.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
      switch (command) {
        case "EHLO", "HELO" -> reply(out, "250 fake.test");
        case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        case "DATA" -> {
          reply(out, "354 end with <CRLF>.<CRLF>");
          received.add(readData(in));
          if (answersToLose.getAndDecrement() > 0) {
            // Taken, but the answer never arrives in time: wait until the client times out and hangs up (or says
            // anything else, e.g. QUIT), then drop the connection without a word.
            in.readLine();
            return;
          }
          reply(out, "250 OK queued");
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private static byte[] readData(BufferedReader in) throws IOException {
    StringBuilder message = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null && !line.equals(".")) {
      message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    return message.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
