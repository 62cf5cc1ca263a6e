package io.escala.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/** Paths as the servlet container routes them, for every filter of Escala's edge that decides by path. */
public final class RequestPaths {

  private RequestPaths() {}

  /**
   * The decoded path without path parameters and trailing slashes, as the container mapped it: {@code /%6cogin}
   * and {@code /login;x=y/} are {@code /login}, exactly as Spring Security, Jersey and Camunda see them. A filter
   * that matched the raw request URI could be walked around with such spellings.
   */
  public static String of(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.isEmpty()) {
      // No servlet mapped it (yet): the decoded URI without ;parameters, as Spring's path helper reads it.
      path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    }
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.isEmpty() ? "/" : path;
  }
}
