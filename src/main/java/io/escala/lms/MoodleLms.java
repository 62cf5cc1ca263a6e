package io.escala.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Moodle through its web services REST protocol: every call is a form POST to
 * {@code /webservice/rest/server.php} with {@code wstoken}, {@code wsfunction}, {@code moodlewsrestformat=json} and
 * the function's parameters in PHP array notation ({@code users[0][email]}). Moodle answers a failed call with HTTP
 * 200 and a body {@code {"exception", "errorcode", "message"}}.
 *
 * <p>The token's service must allow {@code core_user_get_users_by_field}, {@code core_user_create_users},
 * {@code core_enrol_get_users_courses}, {@code enrol_manual_enrol_users},
 * {@code core_completion_get_activities_completion_status} and {@code core_completion_get_course_completion_status}.
 */
public class MoodleLms implements Lms {

  public static final String PROVIDER = "moodle";

  private static final int MAX_USERNAME_LENGTH = 100;
  private static final int MAX_MESSAGE_LENGTH = 300;
  /** Moodle's codes for a token that is unknown, expired, or lacks a capability or function. */
  private static final Set<String> CONFIGURATION_ERRORS = Set.of("invalidtoken", "accessexception",
      "servicerequireslogin", "servicenotavailable", "nopermissions", "requireloginerror");
  /** Activity completion states that count as done: COMPLETION_COMPLETE and COMPLETION_COMPLETE_PASS. */
  private static final Set<Integer> COMPLETED_STATES = Set.of(1, 2);

  private final LmsProperties.Moodle settings;
  private final URI endpoint;
  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();

  public MoodleLms(LmsProperties.Moodle settings) {
    this.settings = settings;
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/webservice/rest/server.php");
    // HTTP/1.1: the JDK's cleartext HTTP/2 upgrade loses POST bodies against WireMock's Jetty (see HubSpotCrm)
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .build();
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public LmsEnrollment enroll(LmsLearner learner, String courseId) {
    String userId = findUser(learner.email());
    if (userId == null) {
      userId = createUser(learner);
    }
    if (!enrolledIn(userId, courseId)) {
      Map<String, String> enrol = new LinkedHashMap<>();
      enrol.put("enrolments[0][roleid]", Integer.toString(settings.studentRoleId()));
      enrol.put("enrolments[0][userid]", userId);
      enrol.put("enrolments[0][courseid]", courseId);
      call("enrol_manual_enrol_users", enrol);
    }
    return new LmsEnrollment(PROVIDER, userId, courseId);
  }

  /**
   * Counts the activities with completion tracking and those completed; the course is completed when Moodle's
   * course completion says so, or, for a course without completion criteria, when every tracked activity is done.
   */
  @Override
  public LmsProgress progress(String lmsUserId, String courseId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("courseid", courseId);
    params.put("userid", lmsUserId);
    JsonNode statuses = call("core_completion_get_activities_completion_status", params).path("statuses");
    int total = 0;
    int completed = 0;
    for (JsonNode status : statuses) {
      if (status.path("tracking").asInt(0) == 0) {
        continue;
      }
      total++;
      if (COMPLETED_STATES.contains(status.path("state").asInt(0))) {
        completed++;
      }
    }
    boolean courseCompleted;
    try {
      courseCompleted = call("core_completion_get_course_completion_status", params)
          .path("completionstatus").path("completed").asBoolean(false);
    } catch (LmsRefusedException e) {
      if (!"nocriteriaset".equals(e.errorCode())) {
        throw e;
      }
      courseCompleted = total > 0 && completed == total;
    }
    return new LmsProgress(completed, total, courseCompleted);
  }

  /**
   * A valid Moodle username derived from the e-mail: always the same for the same address, lower case, only the
   * characters Moodle allows without "extended username characters" (a-z, 0-9, {@code _ - . @}).
   */
  static String username(String email) {
    String plain = Normalizer.normalize(email.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[^a-z0-9_.@-]", "_");
    return plain.length() <= MAX_USERNAME_LENGTH ? plain : plain.substring(0, MAX_USERNAME_LENGTH);
  }

  /** @return the id of the account with this e-mail (the one with the derived username if several), or null */
  private String findUser(String email) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("field", "email");
    params.put("values[0]", email);
    JsonNode users = call("core_user_get_users_by_field", params);
    String first = null;
    for (JsonNode user : users) {
      String id = user.path("id").asText(null);
      if (username(email).equals(user.path("username").asText())) {
        return id;
      }
      first = first == null ? id : first;
    }
    return first;
  }

  /** Moodle e-mails the new account a generated password ({@code createpassword=1}). */
  private String createUser(LmsLearner learner) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("users[0][username]", username(learner.email()));
    params.put("users[0][auth]", "manual");
    params.put("users[0][createpassword]", "1");
    params.put("users[0][firstname]", learner.firstName());
    params.put("users[0][lastname]", learner.lastName());
    params.put("users[0][email]", learner.email());
    JsonNode created = call("core_user_create_users", params);
    String id = created.path(0).path("id").asText("");
    if (id.isEmpty()) {
      throw new LmsUnavailableException("Moodle created no user (answer without an id)");
    }
    return id;
  }

  private boolean enrolledIn(String userId, String courseId) {
    JsonNode courses = call("core_enrol_get_users_courses", Map.of("userid", userId));
    for (JsonNode course : courses) {
      if (courseId.equals(course.path("id").asText())) {
        return true;
      }
    }
    return false;
  }

  /** @return Moodle's JSON answer; {@code null} answers (enrol_manual_enrol_users) as a JSON null node */
  private JsonNode call(String function, Map<String, String> params) {
    StringJoiner form = new StringJoiner("&");
    form.add("wstoken=" + encode(settings.token()));
    form.add("wsfunction=" + encode(function));
    form.add("moodlewsrestformat=json");
    params.forEach((name, value) -> form.add(encode(name) + "=" + encode(value)));
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(settings.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new LmsUnavailableException("Moodle did not answer " + function + " within "
          + settings.timeout().toMillis() + " ms", e);
    } catch (IOException e) {
      throw new LmsUnavailableException("Moodle could not be reached for " + function + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LmsUnavailableException("Interrupted while calling Moodle's " + function, e);
    }
    int status = response.statusCode();
    if (status != 200) {
      // 5xx, a proxy's 502/504, a maintenance 503: Moodle itself answers its errors with 200
      throw new LmsUnavailableException("Moodle answered HTTP " + status + " to " + function);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException notJson) {
      throw new LmsUnavailableException("Moodle answered " + function + " with something other than JSON");
    }
    if (answer == null) {
      throw new LmsUnavailableException("Moodle answered " + function + " with an empty body");
    }
    if (answer.isObject() && answer.has("exception")) {
      String code = answer.path("errorcode").asText("");
      String text = "Moodle refused " + function + ": " + code + " (" + shortened(answer.path("message").asText())
          + ")";
      if (CONFIGURATION_ERRORS.contains(code)) {
        throw new LmsConfigurationException(code, "escala.lms.moodle.token", text + "; check escala.lms.moodle.token"
            + " and that its web service allows " + function);
      }
      throw new LmsRefusedException(code, text);
    }
    return answer;
  }

  private static String shortened(String message) {
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
