package io.escala.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Blocks, in front of the webapps and the REST API, two known problems of Camunda 7.24.0 CE that are fixed only in
 * paid patches:
 *
 * <ul>
 *   <li>the admin "first user setup" endpoint ({@code /camunda/api/admin/setup/...}, CVE-2026-77226) once an
 *       administrator exists;
 *   <li>expressions inside task and filter queries (query parameters or JSON keys ending in {@code Expression},
 *       {@code orQueries} included), ad hoc or stored through a filter.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class CamundaEdgeGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(CamundaEdgeGuard.class);
  private static final Pattern SETUP = Pattern.compile("^/camunda/api/admin/setup(/.*)?$");
  private static final Pattern QUERY_PATHS = Pattern.compile(
      // The REST API serves every resource twice: for the default engine and under /engine/{name}.
      "^(/engine-rest(/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)"
          + "/(task(/count)?|history/task(/count)?|filter(/create)?|filter/[^/]+(/(list|count|singleResult))?)$");
  private static final int MAX_BODY = 256 * 1024;

  private final IdentityService identityService;
  private final ObjectMapper objectMapper;

  public CamundaEdgeGuard(IdentityService identityService, ObjectMapper objectMapper) {
    this.identityService = identityService;
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // Jersey also answers with a trailing slash; Spring Security's firewall already refuses ';', '//' and encoded
    // slashes, so these two forms are all that can reach a resource.
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (SETUP.matcher(path).matches() && administratorExists()) {
      log.warn("Refused first-user setup request from {}: an administrator exists", request.getRemoteAddr());
      reject(response, HttpServletResponse.SC_FORBIDDEN, "Initial setup is closed: an administrator exists.");
      return;
    }
    if (QUERY_PATHS.matcher(path).matches()) {
      for (String name : Collections.list(request.getParameterNames())) {
        if (isExpressionKey(name)) {
          reject(response, HttpServletResponse.SC_BAD_REQUEST, "Expressions are not allowed in queries: " + name);
          return;
        }
      }
      if (hasBody(request)) {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large.");
          return;
        }
        String offending = findExpressionKey(body);
        if (offending != null) {
          reject(response, HttpServletResponse.SC_BAD_REQUEST, "Expressions are not allowed in queries: " + offending);
          return;
        }
        request = new ReplayedBodyRequest(request, body);
      }
    }
    chain.doFilter(request, response);
  }

  private boolean administratorExists() {
    return identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
  }

  private static boolean hasBody(HttpServletRequest request) {
    String contentType = request.getContentType();
    return contentType != null && contentType.toLowerCase().contains("json")
        && !"GET".equalsIgnoreCase(request.getMethod());
  }

  private String findExpressionKey(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return findExpressionKey(objectMapper.readTree(body));
    } catch (IOException e) {
      return null; // not JSON: the REST API answers with its own 400
    }
  }

  private static String findExpressionKey(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isExpressionKey(field.getKey())) {
          return field.getKey();
        }
        String nested = findExpressionKey(field.getValue());
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String nested = findExpressionKey(element);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private static boolean isExpressionKey(String name) {
    return name.endsWith("Expression") || name.endsWith("expression");
  }

  private static void reject(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"" + message.replace("\"", "'") + "\"}");
  }
}
