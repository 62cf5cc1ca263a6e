package io.escala.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.LoginThrottle.LoginAttempt;
import io.escala.platform.LoginThrottle.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Puts {@link LoginThrottle} in front of the places a password is checked, before anything reads it:
 *
 * <ul>
 *   <li>{@code POST /login}, Escala's staff form: a refused attempt gets the login page's throttle message (429);
 *       the outcome of an allowed one comes from Spring Security's events ({@link LoginThrottleEvents});
 *   <li>{@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}, the webapps' login: 429 with Retry-After;
 *       Camunda answers a wrong password with 401;
 *   <li>any {@code /engine-rest} request with HTTP Basic credentials: 429 with Retry-After; Camunda's filter
 *       answers a wrong password with 401, and {@link RestLoginOutcome} sees a right one;
 *   <li>HTTP Basic on {@code /actuator/**} (Prometheus scraping) and on the features' machine APIs
 *       ({@link ApiEndpoint}): 429 with Retry-After; 401 is a failure.
 * </ul>
 *
 * The client is the remote address; behind a proxy set {@code server.forward-headers-strategy=native}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class LoginThrottleFilter extends OncePerRequestFilter {

  static final String ATTEMPT = LoginThrottleFilter.class.getName() + ".attempt";
  static final String STAFF_LOGIN = "staff login";
  static final String WEBAPP = "webapp login";
  static final String REST = "REST API";
  static final String METRICS = "metrics";
  static final String API = "API";
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  private static final int MAX_LOGIN_BODY = 8 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The staff login under way on this thread, for {@link LoginThrottleEvents}. */
  private static final ThreadLocal<StaffLogin> STAFF_LOGIN_IN_PROGRESS = new ThreadLocal<>();

  record StaffLogin(LoginAttempt attempt, HttpServletRequest request, HttpServletResponse response) {}

  static StaffLogin staffLoginInProgress() {
    return STAFF_LOGIN_IN_PROGRESS.get();
  }

  private static final int MAX_GATES = 10_000;
  private static final Duration GATE_WAIT = Duration.ofSeconds(5);
  /** The account gate this thread holds while its password is checked, released when the request is done. */
  private static final ThreadLocal<Semaphore> HELD_GATE = new ThreadLocal<>();

  private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
  private final LoginThrottle throttle;
  private final KnownDevices knownDevices;
  private final MessageSource messages;
  private final LocaleResolver locales;
  private final ITemplateEngine templates;
  private final Contributions contributions;

  public LoginThrottleFilter(LoginThrottle throttle, KnownDevices knownDevices, MessageSource messages,
      LocaleResolver locales, ITemplateEngine templates, Contributions contributions) {
    this.contributions = contributions;
    this.throttle = throttle;
    this.knownDevices = knownDevices;
    this.messages = messages;
    this.locales = locales;
    this.templates = templates;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = RequestPaths.of(request);
    boolean post = "POST".equalsIgnoreCase(request.getMethod());
    try {
      if (post && path.equals("/login")) {
        formLogin(request, response, chain);
      } else if (post && WEBAPP_LOGIN.matcher(path).matches()) {
        webappLogin(request, response, chain);
      } else if ((path.equals("/engine-rest") || path.startsWith("/engine-rest/")) && hasBasic(request)) {
        restLogin(request, response, chain);
      } else if (path.startsWith("/actuator/") && hasBasic(request)) {
        springBasicLogin(METRICS, request, response, chain);
      } else if (hasBasic(request) && contributions.apiEndpointFor(path).isPresent()) {
        springBasicLogin(API, request, response, chain);
      } else {
        chain.doFilter(request, response);
      }
    } finally {
      Semaphore held = HELD_GATE.get();
      if (held != null) {
        HELD_GATE.remove();
        held.release();
      }
    }
  }

  /**
   * The throttle's verdict, and for an account that has failed lately one password check at a time on this node:
   * the check, the password and the recording of its outcome happen in turn, so guesses sent in parallel cannot all
   * pass the check before the first failure locks the account. Accounts without failures (a busy API client) are
   * not serialized.
   */
  private Verdict admit(LoginAttempt attempt) {
    Verdict verdict = throttle.check(attempt);
    if (!verdict.allowed() || !attempt.accountHasFailures || attempt.knownDevice()) {
      return verdict;
    }
    if (gates.size() > MAX_GATES) {
      gates.values().removeIf(gate -> gate.availablePermits() > 0 && !gate.hasQueuedThreads());
    }
    Semaphore gate = gates.computeIfAbsent(attempt.accountKey(), key -> new Semaphore(1));
    try {
      if (!gate.tryAcquire(GATE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return Verdict.wait(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Verdict.wait(Duration.ofSeconds(1));
    }
    HELD_GATE.set(gate);
    // The guess before this one may just have locked the account.
    return throttle.check(attempt);
  }

  private LoginAttempt attempt(String entryPoint, HttpServletRequest request, String account) {
    return new LoginAttempt(entryPoint, request.getRemoteAddr(), account, knownDevices.isKnown(request, account));
  }

  private void formLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // The body is capped by RequestBodyLimit; Spring Security reads the same parameters next.
    // Trimmed as Spring Security trims it: "admin " is the admin's account.
    LoginAttempt attempt = attempt(STAFF_LOGIN, request, trimmed(request.getParameter("username")));
    Verdict verdict = admit(attempt);
    if (!verdict.allowed()) {
      throttledPage(request, response, verdict);
      return;
    }
    STAFF_LOGIN_IN_PROGRESS.set(new StaffLogin(attempt, request, response));
    try {
      chain.doFilter(request, response);
    } finally {
      STAFF_LOGIN_IN_PROGRESS.remove();
    }
  }

  private void webappLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
    if (body.length > MAX_LOGIN_BODY) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    LoginAttempt attempt = attempt(WEBAPP, request, trimmed(formField(body, "username")));
    Verdict verdict = admit(attempt);
    if (!verdict.allowed()) {
      throttledJson(request, response, verdict);
      return;
    }
    // Camunda answers 200 (logged in) or 401 (wrong password); a 403 (no access to that app, or a missing CSRF
    // token, before any password check) is neither, so it cannot be used to clear the account's failures.
    boolean[] remembered = {false};
    OnCommittedResponseWrapper outcome = new OnCommittedResponseWrapper(response) {
      @Override
      protected void onResponseCommitted() {
        if (getStatus() == HttpServletResponse.SC_OK && attempt.account() != null && !remembered[0]) {
          remembered[0] = true;
          knownDevices.remember(request, this, attempt.account());
        }
      }
    };
    chain.doFilter(new ReplayedBodyRequest(request, body), outcome);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_OK) {
      if (!remembered[0] && !response.isCommitted() && attempt.account() != null) {
        knownDevices.remember(request, response, attempt.account());
      }
      throttle.succeeded(attempt);
    } else if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(attempt);
    }
  }

  private void restLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    LoginAttempt attempt = attempt(REST, request, basicUser(request));
    Verdict verdict = admit(attempt);
    if (!verdict.allowed()) {
      throttledJson(request, response, verdict);
      return;
    }
    request.setAttribute(ATTEMPT, attempt);
    chain.doFilter(request, response);
    if (attempt.authenticated) {
      throttle.succeeded(attempt);
    } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      // Camunda's filter refused the credentials (the open GET /engine-rest/engine never checks them).
      throttle.failed(attempt);
    }
  }

  /**
   * HTTP Basic that Spring Security checks: the operators' endpoints (Prometheus) and the features' machine APIs
   * ({@link ApiEndpoint}). Spring Security answers a wrong password with 401.
   */
  private void springBasicLogin(String entryPoint, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    LoginAttempt attempt = attempt(entryPoint, request, basicUser(request));
    Verdict verdict = admit(attempt);
    if (!verdict.allowed()) {
      throttledJson(request, response, verdict);
      return;
    }
    chain.doFilter(request, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(attempt);
    } else if (status < 400 || status == HttpServletResponse.SC_FORBIDDEN) {
      // 403: the password was right, the account is not in the allowed groups
      throttle.succeeded(attempt);
    }
  }

  private void throttledPage(HttpServletRequest request, HttpServletResponse response, Verdict verdict)
      throws IOException {
    Locale locale = locales.resolveLocale(request);
    response.setStatus(429);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(verdict.retryAfterSeconds()));
    response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
    response.setCharacterEncoding("UTF-8");
    WebContext context = new WebContext(
        JakartaServletWebApplication.buildApplication(request.getServletContext()).buildExchange(request, response),
        locale, Map.of("minutes", verdict.retryAfterMinutes()));
    templates.process("platform/login-throttled", context, response.getWriter());
  }

  private void throttledJson(HttpServletRequest request, HttpServletResponse response, Verdict verdict)
      throws IOException {
    String message = messages.getMessage("login.throttled.text", new Object[] {verdict.retryAfterMinutes()},
        locales.resolveLocale(request));
    response.setStatus(429);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(verdict.retryAfterSeconds()));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE + ";charset=UTF-8");
    response.setCharacterEncoding("UTF-8");
    // Camunda's error shape, so its clients show the message.
    JSON.writeValue(response.getWriter(), Map.of("type", "TooManyRequests", "message", message));
  }

  /** Any HTTP Basic header, well-formed or not: a malformed one is an attempt too (counted for its client). */
  static boolean hasBasic(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /**
   * The user of an HTTP Basic header, or null. Decoded as leniently as Camunda's provider decodes it (characters
   * outside the alphabet skipped), so a header the engine still understands is never one the throttle cannot read.
   */
  static String basicUser(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (!hasBasic(request) || header.length() > 4096) {
      return null;
    }
    try {
      String decoded = new String(Base64.getMimeDecoder().decode(header.substring(6).trim()),
          java.nio.charset.Charset.defaultCharset());
      int colon = decoded.indexOf(':');
      return colon > 0 ? trimmed(decoded.substring(0, colon)) : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static String trimmed(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** A field of a url-encoded form, its name decoded too ({@code user%6eame} is {@code username}), as Jersey reads it. */
  static String formField(byte[] body, String name) {
    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
      int eq = pair.indexOf('=');
      try {
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException malformed) {
        return null;
      }
    }
    return null;
  }

}
