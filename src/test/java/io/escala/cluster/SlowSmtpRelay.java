package io.escala.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay in front of the test SMTP server that passes every answer of the server on after some latency, as a
 * distant mail server would: one e-mail then takes a second or so, long enough for a node to be killed in the middle
 * of sending, including after the server has taken the message but before its answer arrives.
 */
final class SlowSmtpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final Duration latency;

  SlowSmtpRelay(int targetPort, Duration latency) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.latency = latency;
    Thread acceptor = new Thread(this::acceptLoop, "slow-smtp-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client.getInputStream(), server.getOutputStream(), Duration.ZERO, client, server);
        pump(server.getInputStream(), client.getOutputStream(), latency, client, server);
      } catch (IOException e) {
        if (!listener.isClosed()) {
          continue;
        }
        return;
      }
    }
  }

  private static void pump(InputStream from, OutputStream to, Duration delay, Socket a, Socket b) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        int read;
        while ((read = from.read(buffer)) >= 0) {
          if (!delay.isZero()) {
            LockSupport.parkNanos(delay.toNanos()); // the simulated distance to the mail server
          }
          to.write(buffer, 0, read);
          to.flush();
        }
      } catch (IOException ignored) {
        // one side went away (a killed node): close both
      } finally {
        closeQuietly(a);
        closeQuietly(b);
      }
    }, "slow-smtp-relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
