package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Public endpoints refuse an oversize body before reading it: the answer to a 50 MB Content-Length comes while the
 * body has not been sent at all, and a chunked body is cut off at the cap. An oversize signup gets the form's own
 * "too large" page in the visitor's language, not a CSRF refusal.
 */
class RequestBodyLimitIT extends EscalaIntegrationTest {

  private static final int FIFTY_MB = 50 * 1024 * 1024;

  @Test
  void aDeclaredOversizeBodyIsRefusedBeforeAByteOfItIsRead() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /leads/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + FIFTY_MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Not one byte of the body is sent: the server answers anyway.
      assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void aSignedOutUploadToAStaffPageIsRefusedUnread() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /staff/documents/batches HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + FIFTY_MB + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
    }
    // a small signed-out post still gets the login check's answer, not a size refusal
    HttpResponse<String> small = http.postForm("/staff/documents/batches", Map.of("x", "y"), null);
    assertThat(small.statusCode()).isNotEqualTo(413);
  }

  @Test
  void aChunkedBodyStopsBeingReadAtTheCap() throws IOException {
    long sent = 0;
    String status;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /leads/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'a');
      try {
        // Up to 50 MB, but the server stops reading long before: the writes then fail or the answer is there.
        while (sent < FIFTY_MB && socket.getInputStream().available() == 0) {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          sent += chunk.length;
        }
      } catch (SocketException closedByServer) {
        // the server answered and closed the connection
      }
      status = statusLine(socket.getInputStream());
    }
    assertThat(status).startsWith("HTTP/1.1 413");
    assertThat(sent).as("bytes sent before the server answered").isLessThan(4L * 1024 * 1024);
  }

  @Test
  void anOversizeSignupGetsTheFormsTooLargePageNotACsrfRefusal() {
    String form = http.get("/signup").body();
    HttpResponse<String> response = http.postForm("/signup",
        Map.of("name", "Ana", "email", "ana@example.com", "goals", "x".repeat(40_000)), form);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("El formulario es demasiado grande.");
  }

  @Test
  void aBodyWithinTheCapGoesThrough() {
    HttpResponse<String> response = http.postSignedJson("/leads/events", "{}", null);
    // Reaches the controller: an unsigned event is refused by its signature check, not by size.
    assertThat(response.statusCode()).isEqualTo(401);
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
