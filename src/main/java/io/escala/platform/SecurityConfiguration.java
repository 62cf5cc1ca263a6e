package io.escala.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may reach what.
 *
 * <ul>
 *   <li>{@code /engine-rest/**}: HTTP Basic against Camunda's identity service, through Camunda's own
 *       {@link ProcessEngineAuthenticationFilter} (as Camunda Run registers it); authorization is on in the engine.
 *   <li>{@code /camunda/**}: the webapps, with their own login and CSRF protection.
 *   <li>{@code /staff/**}: Escala's staff pages, form login with the Camunda account.
 *   <li>{@code /api/**} paths features declare ({@link ApiEndpoint}): HTTP Basic with the Camunda account.
 *   <li>Public customer pages: open, with Spring Security's CSRF token on every form.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  public static final String STAFF_AUTHORITY_PREFIX = "GROUP_";

  /**
   * Camunda's webapps and REST API: Spring Security stays out of the way. The webapps have their own login, CSRF
   * filter and security headers; the REST API is stateless and authenticated by {@link #engineRestAuthentication()}.
   */
  @Bean
  @Order(1)
  SecurityFilterChain camundaSecurity(HttpSecurity http) throws Exception {
    // Path patterns, not MVC matchers: the REST API is a Jersey servlet, outside Spring MVC.
    http.securityMatcher(new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.disable());
    return http.build();
  }

  /**
   * Prometheus scrapes with HTTP Basic (a Camunda account in {@code camunda-admin}); an administrator signed in to
   * the staff pages may open it too. Nothing else of the actuator is behind this chain.
   */
  @Bean
  @Order(2)
  SecurityFilterChain metricsSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"))
        .authorizeHttpRequests(requests -> requests.anyRequest()
            .hasAuthority(STAFF_AUTHORITY_PREFIX + Contributions.ADMIN_GROUP))
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  /**
   * The machine APIs features declare ({@link ApiEndpoint}): HTTP Basic with a Camunda account of the endpoint's
   * groups (the same {@link CamundaIdentityAuthentication} as the staff login, throttled by
   * {@link LoginThrottleFilter}), no session, no CSRF token; 401 without valid credentials, 403 outside the groups.
   */
  @Bean
  @Order(3)
  SecurityFilterChain apiSecurity(HttpSecurity http, Contributions contributions) throws Exception {
    RequestMatcher declared = request -> contributions.apiEndpointFor(RequestPaths.of(request)).isPresent();
    AuthenticationEntryPoint unauthorized = (request, response, problem) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Escala API\", charset=\"UTF-8\"");
      apiError(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
          "HTTP Basic credentials of a Camunda user are required");
    };
    http.securityMatcher(declared)
        .authorizeHttpRequests(requests -> {
          requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
          for (ApiEndpoint endpoint : contributions.apiEndpoints()) {
            requests.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(endpoint.pathPattern()))
                .hasAnyAuthority(authorities(Contributions.allowedGroups(endpoint)));
          }
          requests.anyRequest().denyAll();
        })
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized)
            .accessDeniedHandler((request, response, denied) -> apiError(response, HttpServletResponse.SC_FORBIDDEN,
                "forbidden", "this user is not in a group allowed to call this API")))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  private static void apiError(HttpServletResponse response, int status, String code, String message)
      throws java.io.IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
  }

  @Bean
  @Order(4)
  SecurityFilterChain escalaSecurity(HttpSecurity http, Contributions contributions,
      UnmappedPaths unmappedPaths) throws Exception {
    List<PublicEndpoint> endpoints = contributions.publicEndpoints();
    RequestMatcher[] signedPosts = endpoints.stream()
        .filter(endpoint -> endpoint.kind() == PublicEndpoint.Kind.SIGNED_POST)
        .map(endpoint -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, endpoint.pathPattern()))
        .toArray(RequestMatcher[]::new);
    String[] pages = endpoints.stream().filter(endpoint -> endpoint.kind() == PublicEndpoint.Kind.PAGE)
        .map(PublicEndpoint::pathPattern).toArray(String[]::new);
    http
        .authorizeHttpRequests(requests -> {
          requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
          // Each staff page names its groups; what no feature declares below /staff is for administrators.
          for (StaffPage page : contributions.staffPages()) {
            requests.requestMatchers(page.path(), page.pathPattern()).hasAnyAuthority(authorities(
                Contributions.allowedGroups(page)));
          }
          requests.requestMatchers("/staff").hasAnyAuthority(authorities(staffGroups(contributions)))
              .requestMatchers("/staff/**").hasAuthority(STAFF_AUTHORITY_PREFIX + Contributions.ADMIN_GROUP)
              .requestMatchers("/", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error", "/login",
                  "/actuator/health/**", "/actuator/info").permitAll()
              .requestMatchers("/actuator/**").denyAll();
          if (pages.length > 0) {
            requests.requestMatchers(pages).permitAll();
          }
          if (signedPosts.length > 0) {
            // Machine endpoints: their signature or token is checked by their controller.
            requests.requestMatchers(signedPosts).permitAll();
          }
          // A path no controller answers is a 404 for everyone, not a 403 or a login form; a controller nobody
          // declared above stays closed.
          requests.requestMatchers(unmappedPaths).permitAll();
          requests.anyRequest().denyAll();
        })
        // Signed machine posts and RFC 8058 one-click unsubscribes carry no browser session: their token or
        // signature is the credential.
        .csrf(csrf -> {
          if (signedPosts.length > 0) {
            csrf.ignoringRequestMatchers(signedPosts);
          }
        })
        // Escala's own, translated login page (platform/staff/LoginController); the dashboard is the landing page.
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/staff").failureUrl("/login?error"))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .headers(headers -> headers
            // the outbox shows an e-mail's HTML in a frame of its own origin (platform/staff/MailPreview)
            .frameOptions(frame -> frame.sameOrigin())
            .referrerPolicy(policy -> policy.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                    + " frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'")));
    return http.build();
  }

  private static List<String> staffGroups(Contributions contributions) {
    return Stream.concat(contributions.staffGroups().stream().map(StaffGroup::id),
        Stream.of(Contributions.ADMIN_GROUP)).toList();
  }

  private static String[] authorities(List<String> groups) {
    return groups.stream().map(group -> STAFF_AUTHORITY_PREFIX + group).toArray(String[]::new);
  }

  /** Camunda's REST API has no starter property for authentication: register the filter as Camunda Run does. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    // Lets the filter see /engine as its path, so GET /engine-rest/engine stays open as Camunda intends.
    registration.addInitParameter("rest-url-pattern-prefix", "/engine-rest");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
