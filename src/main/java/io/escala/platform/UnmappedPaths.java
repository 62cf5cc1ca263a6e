package io.escala.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches requests that no controller answers, so security lets them through to a plain 404: a mistyped address
 * is "not found" for a visitor and for staff alike, instead of a login form or a 403. A path that some controller
 * does answer never matches, so an endpoint no feature declared stays closed.
 */
@Component
class UnmappedPaths implements RequestMatcher {

  private final BeanFactory beans;
  private volatile RequestMappingHandlerMapping controllers;

  UnmappedPaths(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    RequestMappingHandlerMapping mapping = controllers;
    if (mapping == null) {
      // Spring MVC's own mapping of @Controller methods (the actuator and Camunda have mappings of their own).
      mapping = beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
      controllers = mapping;
    }
    RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
        ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
    ServletRequestPathUtils.parseAndCache(request);
    try {
      return mapping.getHandler(request) == null;
    } catch (Exception mappedButNotThisWay) {
      // wrong method or media type: a controller owns the path
      return false;
    } finally {
      if (previous == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      } else {
        ServletRequestPathUtils.setParsedRequestPath(previous, request);
      }
    }
  }
}
