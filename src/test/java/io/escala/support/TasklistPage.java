package io.escala.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist and the Camunda Forms it renders (form-js), as a staff member uses them in a browser: fields are
 * found by their labels, as a person finds them.
 */
public final class TasklistPage {

  private final WebDriver browser;
  private final WebDriverWait wait;
  private final String baseUrl;

  public TasklistPage(WebDriver browser, WebDriverWait wait, String baseUrl) {
    this.browser = browser;
    this.wait = wait;
    this.baseUrl = baseUrl;
  }

  public void login(String user, String password) {
    browser.get(baseUrl + "/camunda/app/tasklist/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
  }

  /** The group's Tasklist filter, then the task's link in its list. */
  public WebElement openFromFilter(String filterName, String taskId) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'"
            + filterName + "')]"))).click();
    return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li a[href*='task=" + taskId + "']")));
  }

  public static By radioLabelled(String label) {
    return By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space(.)='" + label + "']");
  }

  public WebElement radioInput(String label) {
    WebElement labelElement = browser.findElement(radioLabelled(label));
    String forId = labelElement.getAttribute("for");
    return forId == null || forId.isBlank()
        ? labelElement.findElement(By.xpath(".//input[@type='radio'] | preceding-sibling::input[@type='radio']"))
        : browser.findElement(By.id(forId));
  }

  public WebElement field(String label) {
    WebElement labelElement = browser.findElement(By.xpath(
        "//div[contains(@class,'fjs-form-field')]/label[normalize-space(.)='" + label + "']"));
    return browser.findElement(By.id(labelElement.getAttribute("for")));
  }

  public String fieldValue(String label) {
    return field(label).getDomProperty("value");
  }

  /** form-js draws its own select: open it, then pick the option by its text. */
  public void choose(String label, String option) {
    // a required field's label ends with its marker ("Siguiente paso*")
    WebElement select = browser.findElement(By.xpath("//div[contains(@class,'fjs-form-field-select')][label["
        + "starts-with(normalize-space(.),'" + label + "')]]"));
    scrollIntoView(select);
    select.findElement(By.cssSelector(".fjs-select-display, .fjs-input-group, input")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + option + "']"))).click();
  }

  /** Scrolls the rendered form to the top of the window, as a person reads it (and a screenshot shows it). */
  public void showForm() {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});",
        browser.findElement(By.cssSelector(".fjs-container")));
  }

  /** Completes the open task with its form's button. */
  public void complete() {
    WebElement complete = browser.findElement(By.cssSelector("button.btn-primary[ng-click='complete()']"));
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    scrollIntoView(complete);
    complete.click();
  }

  public void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }
}
