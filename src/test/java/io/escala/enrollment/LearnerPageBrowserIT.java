package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The learner page as a learner sees it on a 390 px phone in Chromium: lessons, the progress bar and "mark as done"
 * fit the screen, and a tap moves the progress. Screenshots go to target/screenshots.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class LearnerPageBrowserIT extends EscalaIntegrationTest {

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired CourseLearning learning;
  @Autowired EnrollmentLinks links;
  @Autowired JdbcClient jdbc;

  private HeadlessChrome chrome;

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @Test
  void aLearnerMarksALessonDoneOnAPhone() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now));
    CourseFixtures fixtures = new CourseFixtures(catalog, enrollments, jdbc);
    Course course = fixtures.course("Inteligencia artificial para equipos de ventas y atención al cliente", 4);
    Cohort cohort = fixtures.cohort(course, null, "https://meet.example/ia-ventas", now);
    Enrollment reserved = fixtures.enrollment(cohort, "pt-BR", "BR", "America/Sao_Paulo", "RESERVED", now);
    Enrollment enrollment = enrollments.enrolled(reserved.key(), learning.pushToLms(reserved.key()));

    chrome = HeadlessChrome.start("pt-BR");
    WebDriver browser = chrome.driver();
    browser.manage().window().setSize(new Dimension(390, 1400));
    browser.get(links.learn(enrollment));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(course.title());
    assertThat(browser.findElements(By.cssSelector(".checklist li"))).hasSize(4);
    assertThat(overflows(browser)).as("the page never scrolls sideways at 390 px").isFalse();
    chrome.screenshot("learner-page-390.png");

    browser.findElement(By.cssSelector(".checklist li form button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
    assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Lección 1").contains("como concluída");
    assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo("25");
    assertThat(browser.findElements(By.cssSelector(".checklist li.done"))).hasSize(1);
    assertThat(overflows(browser)).isFalse();
    chrome.screenshot("learner-page-done-390.png");
    assertThat(enrollments.require(enrollment.key()).progressPercent()).isEqualTo(25);
  }

  private static boolean overflows(WebDriver browser) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser)
        .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;"));
  }
}
