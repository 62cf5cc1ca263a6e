package io.escala.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests that arrived over TLS (directly, or through a proxy that sends {@code X-Forwarded-Proto: https}, honoured
 * with {@code server.forward-headers-strategy: native}) get {@code Secure} on every cookie and an HSTS header, the
 * Camunda webapps and REST API included; plain HTTP (a laptop on localhost) gets neither, so it keeps working.
 *
 * <p>Tomcat marks its session cookie {@code Secure} on such requests by itself, and Spring Security writes HSTS for
 * Escala's pages. Camunda's cookies (the webapps' {@code XSRF-TOKEN}) are written as raw {@code Set-Cookie} headers
 * with a fixed secure flag, and Camunda's own HSTS header ({@code header-security.hsts-disabled}) would be sent over
 * plain HTTP too; this filter covers both, with the same HSTS value as Spring Security.
 */
@Configuration(proxyBeanMethods = false)
public class TransportSecurity {

  @Bean
  FilterRegistrationBean<SecureRequestFilter> transportSecurityFilter() {
    FilterRegistrationBean<SecureRequestFilter> registration = new FilterRegistrationBean<>(new SecureRequestFilter());
    registration.setName("escala-transport-security");
    registration.addUrlPatterns("/*");
    // Before Camunda's and Spring Security's filters, so every cookie they add passes through the wrapper.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class SecureRequestFilter extends OncePerRequestFilter {

    private final HstsHeaderWriter hsts = new HstsHeaderWriter();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!request.isSecure()) {
        chain.doFilter(request, response);
        return;
      }
      hsts.writeHeaders(request, response);
      chain.doFilter(request, new SecureCookies(response));
    }
  }

  /** Adds {@code Secure} to cookies set through the response, as objects or as raw headers. */
  static final class SecureCookies extends HttpServletResponseWrapper {

    private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure\\s*(?:;|$)");

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secured(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secured(name, value));
    }

    private static String secured(String name, String value) {
      if (value == null || !HttpHeaders.SET_COOKIE.equalsIgnoreCase(name) || SECURE.matcher(value).find()) {
        return value;
      }
      return value + "; Secure";
    }
  }
}
