package io.escala.platform.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.servlet.error.AbstractErrorController;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages: a page in the visitor's language ({@code templates/error.html}) for everyone who does not ask for
 * JSON by name, so a browser, a link checker or a bare HTTP client sees "not found" or "no access" rather than a
 * JSON body. Clients that send {@code Accept: application/json} still get Spring Boot's JSON error.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPages extends AbstractErrorController {

  ErrorPages(ErrorAttributes errorAttributes) {
    super(errorAttributes);
  }

  @RequestMapping
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    HttpStatus status = getStatus(request);
    response.setStatus(status.value());
    return new ModelAndView("error", Map.copyOf(attributes(request)), status);
  }

  @RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> json(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (status == HttpStatus.NO_CONTENT) {
      return new ResponseEntity<>(status);
    }
    return new ResponseEntity<>(attributes(request), status);
  }

  private Map<String, Object> attributes(HttpServletRequest request) {
    Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
    attributes.values().removeIf(java.util.Objects::isNull);
    return attributes;
  }
}
