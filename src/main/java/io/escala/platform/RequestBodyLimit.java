package io.escala.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the body of every request anyone may send without logging in: the public endpoints the features declare
 * ({@link PublicEndpoint#maxBody()}), the machine APIs ({@link ApiEndpoint#maxBody()}, checked before their HTTP Basic
 * credentials), the staff login form, and posts to staff pages from a browser that is not signed in (the staff pages
 * take uploads of many megabytes, which Spring Security's CSRF check would otherwise parse, spooling them to disk,
 * before the login check refused them). It runs before everything else, CSRF included, so an
 * oversize form post gets the form's "too large" page (413) rather than a CSRF refusal, and nothing is read that will
 * not be used:
 *
 * <ul>
 *   <li>a {@code Content-Length} over the cap: 413 at once, the body unread;
 *   <li>a chunked body: read up to the cap, 413 as soon as it passes it; a chunked HTML form is refused with 411
 *       (browsers always send a length, and Tomcat parses form fields from the connection itself).
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestBodyLimit extends OncePerRequestFilter {

  static final DataSize LOGIN_BODY = DataSize.ofKilobytes(8);
  static final DataSize SIGNED_OUT_STAFF_BODY = DataSize.ofKilobytes(64);

  private final Contributions contributions;

  public RequestBodyLimit(Contributions contributions) {
    this.contributions = contributions;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<DataSize> cap = capFor(request);
    if (cap.isEmpty() || !mayHaveBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    long limit = cap.get().toBytes();
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response);
      return;
    }
    if (isForm(request)) {
      refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), limit + 1);
    if (body.length > limit) {
      refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(new ReplayedBodyRequest(request, body), response);
  }

  private Optional<DataSize> capFor(HttpServletRequest request) {
    String path = RequestPaths.of(request);
    if (path.equals("/login")) {
      return Optional.of(LOGIN_BODY);
    }
    Optional<DataSize> api = contributions.apiEndpointFor(path).map(ApiEndpoint::maxBody);
    if (api.isPresent()) {
      return api;
    }
    if (path.startsWith("/staff/") && !signedIn(request)) {
      return Optional.of(SIGNED_OUT_STAFF_BODY);
    }
    return contributions.publicEndpointFor(path).map(PublicEndpoint::maxBody);
  }

  /** A session whose security context holds an authentication (the staff login stores it there). */
  private static boolean signedIn(HttpServletRequest request) {
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    Object context = session.getAttribute(
        org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    return context instanceof org.springframework.security.core.context.SecurityContext security
        && security.getAuthentication() != null && security.getAuthentication().isAuthenticated();
  }

  /**
   * 413 or 411. A multipart body is answered here, not by the error page: the error dispatch goes through the
   * DispatcherServlet, whose multipart resolution would read the very body being refused.
   */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, int status)
      throws IOException {
    String type = request.getContentType();
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      response.setStatus(status);
      response.setHeader("Connection", "close");
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(status == HttpServletResponse.SC_LENGTH_REQUIRED ? "411 Length Required"
          : "413 Request Entity Too Large");
      response.flushBuffer();
      return;
    }
    response.sendError(status);
  }

  private static boolean mayHaveBody(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
        && !"OPTIONS".equals(request.getMethod());
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    try {
      MediaType mediaType = MediaType.parseMediaType(type);
      return MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)
          || MediaType.MULTIPART_FORM_DATA.includes(mediaType);
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }

  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
  }
}
