package io.escala.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task is completed with the fields of its form and nothing else. Completing a task with an extra variable used to
 * set anything on the case (an {@code email} variable redirected the customer's next e-mail); now every way the REST
 * API and the webapps (Tasklist) offer to put variables through a task is checked against the task's deployed Camunda
 * Form ({@link CamundaFormFields}: its keyed, not disabled fields):
 *
 * <ul>
 *   <li>{@code POST .../task/{id}/complete}, {@code /submit-form}, {@code /resolve}, {@code /bpmnError},
 *       {@code /bpmnEscalation}: the names under {@code variables};
 *   <li>{@code POST .../task/{id}/variables} and {@code /localVariables}: {@code modifications} and {@code deletions};
 *       {@code PUT}/{@code DELETE .../variables/{name}} and {@code POST .../variables/{name}/data}: the name.
 * </ul>
 *
 * Anything else is refused with 400 naming the field; a task without a form accepts no variables. This is a filter
 * rather than an authorization: Camunda grants variable updates per task or per process instance, never per variable
 * name, and the staff who work a task need to set its form's fields. The check runs for the caller's tasks only
 * (others get the engine's own answer) and reads at most {@value #MAX_BODY} bytes of body.
 */
@Component
// After Camunda's REST authentication filter (SecurityConfiguration, +20), so the caller is known on /engine-rest.
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class TaskCompletionGuard extends OncePerRequestFilter {

  static final int MAX_BODY = 256 * 1024;

  private static final Logger log = LoggerFactory.getLogger(TaskCompletionGuard.class);
  private static final Pattern TASK_PATH = Pattern.compile(
      // The REST API for the default engine, under /engine/{name}, and the webapps' copy Tasklist calls.
      "^(?:/engine-rest(?:/engine/(?<restEngine>[^/]+))?|/camunda/api/engine/engine/(?<webappEngine>[^/]+))"
          + "/task/(?<task>[^/]+)/(?:(?<submit>complete|submit-form|resolve|bpmnError|bpmnEscalation)"
          + "|(?<variables>variables|localVariables)(?:/(?<variable>[^/]+)(?<data>/data)?)?)$");

  private final String engineName;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final FormService formService;
  // Duplicate keys would let this check and the REST API read different variables out of one body.
  private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public TaskCompletionGuard(ProcessEngine engine) {
    this.engineName = engine.getName();
    this.identityService = engine.getIdentityService();
    this.taskService = engine.getTaskService();
    this.formService = engine.getFormService();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher path = TASK_PATH.matcher(RequestPaths.of(request));
    String method = request.getMethod();
    if (!path.matches() || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
      chain.doFilter(request, response);
      return;
    }
    boolean webapp = path.group("webappEngine") != null;
    String engine = webapp ? path.group("webappEngine") : path.group("restEngine");
    if (engine != null && !engine.equals(engineName)) {
      chain.doFilter(request, response); // not this engine: the REST API answers
      return;
    }
    Optional<Authentication> caller = webapp ? webappUser(request, engine == null ? engineName : engine)
        : Optional.ofNullable(identityService.getCurrentAuthentication());
    if (webapp && caller.isEmpty()) {
      chain.doFilter(request, response); // not logged in: the webapp refuses it
      return;
    }

    Set<String> names = new TreeSet<>();
    boolean submit = path.group("submit") != null;
    String operation = submit ? path.group("submit") : path.group("variables");
    String variable = path.group("variable");
    if (variable != null) {
      boolean data = path.group("data") != null;
      if (data ? !"POST".equals(method) : !"PUT".equals(method) && !"DELETE".equals(method)) {
        chain.doFilter(request, response);
        return;
      }
      names.add(variable);
    } else if ("POST".equals(method)) {
      if (request.getContentLengthLong() > MAX_BODY) {
        reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large.");
        return;
      }
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large.");
        return;
      }
      try {
        names.addAll(submit ? namesUnder(body, "variables")
            : namesUnder(body, "modifications", "deletions"));
      } catch (IOException notJson) {
        reject(response, HttpServletResponse.SC_BAD_REQUEST, "The request body is not valid JSON.");
        return;
      }
      request = new ReplayedBodyRequest(request, body);
    }

    String taskId = path.group("task");
    if (!names.isEmpty()) {
      Optional<TaskForm> form = formOf(taskId, caller.orElse(null));
      if (form.isPresent()) {
        Set<String> refused = new TreeSet<>(names);
        refused.removeAll(form.get().fields());
        if (!refused.isEmpty()) {
          log.warn("Refused {} {} of task {} by {}: not fields of its form: {}", method, operation, taskId,
              caller.map(Authentication::getUserId).orElse("(system)"), refused);
          reject(response, HttpServletResponse.SC_BAD_REQUEST, form.get().refusal(taskId, refused));
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  /** The webapps keep their login in the session; their own filter sets it on the engine only after this one. */
  private static Optional<Authentication> webappUser(HttpServletRequest request, String engine) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    if (AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine)
        instanceof UserAuthentication user) {
      return Optional.of(new Authentication(user.getIdentityId(), user.getGroupIds(), user.getTenantIds()));
    }
    return Optional.empty();
  }

  /** Names set by a JSON body: the keys of objects and the strings of arrays under the given properties. */
  private Set<String> namesUnder(byte[] body, String... properties) throws IOException {
    Set<String> names = new TreeSet<>();
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return names;
    }
    JsonNode root = json.readTree(body);
    if (root == null || !root.isObject()) {
      return names; // not an object: the REST API refuses it
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      for (String property : properties) {
        // Whatever spelling the REST API's JSON mapping might accept.
        if (property.equalsIgnoreCase(field.getKey())) {
          JsonNode value = field.getValue();
          value.fieldNames().forEachRemaining(names::add);
          if (value.isArray()) {
            value.forEach(element -> names.add(element.asText()));
          }
        }
      }
    }
    return names;
  }

  /**
   * The form of a task the caller may see; empty when the task does not exist or is not theirs (the REST API then
   * answers as it always does, and nothing here tells what the task's form holds).
   */
  private Optional<TaskForm> formOf(String taskId, Authentication caller) {
    if (caller != null && as(caller, () -> taskService.createTaskQuery().taskId(taskId).count()) == 0) {
      return Optional.empty();
    }
    return as(null, () -> {
      Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      if (task == null) {
        return Optional.empty();
      }
      if (task.getCamundaFormRef() == null && task.getFormKey() == null) {
        return Optional.of(new TaskForm(null, Set.of()));
      }
      try (InputStream form = formService.getDeployedTaskForm(taskId)) {
        JsonNode schema = json.readTree(form);
        String formId = schema.path("id").asText(task.getCamundaFormRef() != null
            ? task.getCamundaFormRef().getKey() : task.getFormKey());
        return Optional.of(new TaskForm(formId, CamundaFormFields.submittable(schema)));
      } catch (ProcessEngineException | IOException notACamundaForm) {
        // Only Camunda Forms are used (BpmnConventionsTest); another kind of form cannot be read here.
        return Optional.of(new TaskForm(null, Set.of()));
      }
    });
  }

  private <T> T as(Authentication authentication, Supplier<T> work) {
    Authentication previous = identityService.getCurrentAuthentication();
    set(authentication);
    try {
      return work.get();
    } finally {
      set(previous);
    }
  }

  private void set(Authentication authentication) {
    if (authentication == null) {
      identityService.clearAuthentication();
    } else {
      identityService.setAuthentication(authentication);
    }
  }

  private void reject(HttpServletResponse response, int status, String message) throws IOException {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("type", "InvalidRequestException");
    error.put("message", message);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(error));
  }

  /** @param id the form's id, null when the task has no Camunda Form */
  record TaskForm(String id, Set<String> fields) {

    String refusal(String taskId, Set<String> refused) {
      String names = String.join(", ", refused);
      if (id == null) {
        return "Task " + taskId + " has no Camunda Form, so it accepts no variables; refused: " + names + ".";
      }
      return "Task " + taskId + " accepts only the fields of its form '" + id + "' ("
          + String.join(", ", new TreeSet<>(fields)) + "); not a field of the form: " + names + ".";
    }
  }
}
