package io.escala.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MoodleLmsTest {

  static final String TOKEN = "8f3c1e0b9d2a4c6e8f0a1b2c3d4e5f60";
  static final String ENDPOINT = "/moodle/webservice/rest/server.php";

  private static final WireMockServer moodle = new WireMockServer(wireMockConfig().dynamicPort());

  private final MoodleLms lms = new MoodleLms(new LmsProperties.Moodle(
      URI.create(moodle.baseUrl() + "/moodle/"), TOKEN, Duration.ofMillis(800), 5));
  private final LmsLearner ana = new LmsLearner(" Ana.Souza@Example.com ", "Ana", "Souza Conceição");

  @BeforeAll
  static void start() {
    moodle.start();
  }

  @AfterAll
  static void stop() {
    moodle.stop();
  }

  @AfterEach
  void reset() {
    moodle.resetAll();
  }

  private static MappingBuilder function(String name) {
    return post(urlEqualTo(ENDPOINT)).withFormParam("wsfunction", equalTo(name));
  }

  private static void answer(String function, ResponseDefinitionBuilder response) {
    moodle.stubFor(function(function).willReturn(response));
  }

  /** The exact form body Moodle receives, in the order sent. */
  private static String bodyOf(String function) {
    List<LoggedRequest> calls = moodle.findAll(postRequestedFor(urlEqualTo(ENDPOINT))
        .withRequestBody(containing("wsfunction=" + function + "&")));
    assertThat(calls).as(function).hasSize(1);
    assertThat(calls.get(0).getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    return calls.get(0).getBodyAsString();
  }

  private static final String PREFIX = "wstoken=" + TOKEN;

  @Test
  void createsTheUserWhenNoAccountHasTheEmailThenEnrolsAsStudent() {
    answer("core_user_get_users_by_field", okJson("[]"));
    answer("core_user_create_users", okJson("[{\"id\":43,\"username\":\"ana.souza@example.com\"}]"));
    answer("core_enrol_get_users_courses", okJson("[]"));
    answer("enrol_manual_enrol_users", okJson("null"));

    LmsEnrollment enrollment = lms.enroll(ana, "7");

    assertThat(enrollment).isEqualTo(new LmsEnrollment("moodle", "43", "7"));
    assertThat(bodyOf("core_user_get_users_by_field")).isEqualTo(PREFIX
        + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json"
        + "&field=email&values%5B0%5D=ana.souza%40example.com");
    assertThat(bodyOf("core_user_create_users")).isEqualTo(PREFIX
        + "&wsfunction=core_user_create_users&moodlewsrestformat=json"
        + "&users%5B0%5D%5Busername%5D=ana.souza%40example.com"
        + "&users%5B0%5D%5Bauth%5D=manual"
        + "&users%5B0%5D%5Bcreatepassword%5D=1"
        + "&users%5B0%5D%5Bfirstname%5D=Ana"
        + "&users%5B0%5D%5Blastname%5D=Souza+Concei%C3%A7%C3%A3o"
        + "&users%5B0%5D%5Bemail%5D=ana.souza%40example.com");
    assertThat(bodyOf("core_enrol_get_users_courses")).isEqualTo(PREFIX
        + "&wsfunction=core_enrol_get_users_courses&moodlewsrestformat=json&userid=43");
    assertThat(bodyOf("enrol_manual_enrol_users")).isEqualTo(PREFIX
        + "&wsfunction=enrol_manual_enrol_users&moodlewsrestformat=json"
        + "&enrolments%5B0%5D%5Broleid%5D=5&enrolments%5B0%5D%5Buserid%5D=43&enrolments%5B0%5D%5Bcourseid%5D=7");
  }

  @Test
  void reusesTheAccountFoundByEmailAndDoesNotEnrolTwice() {
    answer("core_user_get_users_by_field", okJson("""
        [{"id":42,"username":"asouza","firstname":"Ana","lastname":"Souza","fullname":"Ana Souza",
          "email":"ana.souza@example.com","department":"","firstaccess":1772460000,"lastaccess":1772463600,
          "auth":"manual","suspended":false,"confirmed":true,"lang":"pt_br","theme":"","timezone":"99",
          "mailformat":1,"description":"","descriptionformat":1}]"""));
    answer("core_enrol_get_users_courses", okJson("""
        [{"id":3,"shortname":"IA-101","fullname":"IA para negocios","enrolledusercount":120,"visible":1},
         {"id":7,"shortname":"PE-3","fullname":"Prompt engineering","enrolledusercount":31,"visible":1}]"""));

    LmsEnrollment first = lms.enroll(ana, "7");
    LmsEnrollment again = lms.enroll(ana, "7");

    assertThat(first).isEqualTo(new LmsEnrollment("moodle", "42", "7")).isEqualTo(again);
    moodle.verify(0, postRequestedFor(urlEqualTo(ENDPOINT))
        .withRequestBody(containing("wsfunction=core_user_create_users&")));
    moodle.verify(0, postRequestedFor(urlEqualTo(ENDPOINT))
        .withRequestBody(containing("wsfunction=enrol_manual_enrol_users&")));
  }

  @Test
  void enrolsAnExistingAccountInANewCourseWithTheConfiguredRole() {
    MoodleLms teacherRole = new MoodleLms(new LmsProperties.Moodle(URI.create(moodle.baseUrl() + "/moodle"), TOKEN,
        Duration.ofSeconds(2), 9));
    answer("core_user_get_users_by_field", okJson("[{\"id\":42,\"username\":\"asouza\",\"email\":\"ana.souza@example.com\"}]"));
    answer("core_enrol_get_users_courses", okJson("[{\"id\":3,\"shortname\":\"IA-101\"}]"));
    answer("enrol_manual_enrol_users", okJson("null"));

    assertThat(teacherRole.enroll(ana, "7")).isEqualTo(new LmsEnrollment("moodle", "42", "7"));
    assertThat(bodyOf("enrol_manual_enrol_users")).contains("enrolments%5B0%5D%5Broleid%5D=9&");
  }

  @Test
  void readsProgressFromActivityAndCourseCompletion() {
    answer("core_completion_get_activities_completion_status", okJson("""
        {"statuses":[
          {"cmid":101,"modname":"page","instance":1,"state":1,"timecompleted":1772460000,"tracking":1,
           "overrideby":null,"valueused":false},
          {"cmid":102,"modname":"quiz","instance":4,"state":2,"timecompleted":1772463600,"tracking":2,
           "overrideby":null,"valueused":true},
          {"cmid":103,"modname":"quiz","instance":5,"state":3,"timecompleted":1772467200,"tracking":2,
           "overrideby":null,"valueused":true},
          {"cmid":104,"modname":"forum","instance":2,"state":0,"timecompleted":0,"tracking":0,
           "overrideby":null,"valueused":false},
          {"cmid":105,"modname":"assign","instance":9,"state":0,"timecompleted":0,"tracking":1,
           "overrideby":null,"valueused":false}],
         "warnings":[]}"""));
    answer("core_completion_get_course_completion_status", okJson("""
        {"completionstatus":{"completed":false,"aggregation":1,"completions":[
          {"type":4,"title":"Activity completion","status":"Yes","complete":true,"timecompleted":1772460000,
           "details":{"type":"Activity completion","criteria":"Page","requirement":"Marking yourself complete",
                      "status":""}}]},
         "warnings":[]}"""));

    LmsProgress progress = lms.progress("42", "7");

    // a failed quiz (state 3) and an untracked forum do not count as done
    assertThat(progress).isEqualTo(new LmsProgress(2, 4, false));
    assertThat(progress.percent()).isEqualTo(50);
    assertThat(bodyOf("core_completion_get_activities_completion_status")).isEqualTo(PREFIX
        + "&wsfunction=core_completion_get_activities_completion_status&moodlewsrestformat=json"
        + "&courseid=7&userid=42");
    assertThat(bodyOf("core_completion_get_course_completion_status")).isEqualTo(PREFIX
        + "&wsfunction=core_completion_get_course_completion_status&moodlewsrestformat=json"
        + "&courseid=7&userid=42");
  }

  @Test
  void takesACourseWithoutCompletionCriteriaAsCompletedWhenEveryTrackedActivityIs() {
    answer("core_completion_get_activities_completion_status", okJson("""
        {"statuses":[{"cmid":101,"modname":"page","instance":1,"state":1,"timecompleted":1772460000,"tracking":1},
                     {"cmid":102,"modname":"page","instance":2,"state":1,"timecompleted":1772463600,"tracking":1}],
         "warnings":[]}"""));
    answer("core_completion_get_course_completion_status", okJson("""
        {"exception":"moodle_exception","errorcode":"nocriteriaset",
         "message":"No completion criteria set for this course"}"""));

    assertThat(lms.progress("42", "7")).isEqualTo(new LmsProgress(2, 2, true));
  }

  @Test
  void anInvalidTokenIsAConfigurationErrorNamingTheSetting() {
    answer("core_user_get_users_by_field", okJson("""
        {"exception":"moodle_exception","errorcode":"invalidtoken","message":"Invalid token - token not found"}"""));

    assertThatThrownBy(() -> lms.enroll(ana, "7"))
        .isInstanceOfSatisfying(LmsConfigurationException.class, e -> {
          assertThat(e.property()).isEqualTo("escala.lms.moodle.token");
          assertThat(e.errorCode()).isEqualTo("invalidtoken");
        })
        .hasMessageContaining("escala.lms.moodle.token")
        .hasMessageContaining("Invalid token - token not found")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aFunctionMissingFromTheServiceIsAConfigurationError() {
    answer("core_completion_get_activities_completion_status", okJson("""
        {"exception":"webservice_access_exception","errorcode":"accessexception","message":"Access control exception",
         "debuginfo":"Access to the function core_completion_get_activities_completion_status() is not allowed."}"""));

    assertThatThrownBy(() -> lms.progress("42", "7"))
        .isInstanceOf(LmsConfigurationException.class)
        .hasMessageContaining("core_completion_get_activities_completion_status");
  }

  @Test
  void otherMoodleErrorsAreRefusalsWithMoodlesCode() {
    answer("core_user_get_users_by_field", okJson("[{\"id\":42,\"username\":\"asouza\"}]"));
    answer("core_enrol_get_users_courses", okJson("[]"));
    answer("enrol_manual_enrol_users", okJson("""
        {"exception":"dml_missing_record_exception","errorcode":"invalidrecord",
         "message":"Can not find data record in database table course."}"""));

    assertThatThrownBy(() -> lms.enroll(ana, "999"))
        .isExactlyInstanceOf(LmsRefusedException.class)
        .hasMessageContaining("invalidrecord")
        .satisfies(e -> assertThat(((LmsRefusedException) e).errorCode()).isEqualTo("invalidrecord"));
  }

  @Test
  void aServerErrorIsRetryable() {
    answer("core_user_get_users_by_field", aResponse().withStatus(503).withBody("<html>Site maintenance</html>"));

    assertThatThrownBy(() -> lms.enroll(ana, "7"))
        .isInstanceOf(LmsUnavailableException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void aSlowMoodleIsRetryableAfterTheTimeout() {
    answer("core_completion_get_activities_completion_status",
        okJson("{\"statuses\":[],\"warnings\":[]}").withFixedDelay(3000));

    long started = System.nanoTime();
    assertThatThrownBy(() -> lms.progress("42", "7"))
        .isInstanceOf(LmsUnavailableException.class)
        .hasMessageContaining("within 800 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void derivesAValidMoodleUsernameFromTheEmail() {
    assertThat(MoodleLms.username(" José.Núñez+curso@Example.COM ")).isEqualTo("jose.nunez_curso@example.com");
    assertThat(MoodleLms.username("ana_souza-1@example.com.br")).isEqualTo("ana_souza-1@example.com.br");
    assertThat(MoodleLms.username("x".repeat(120) + "@example.com")).hasSize(100);
  }
}
