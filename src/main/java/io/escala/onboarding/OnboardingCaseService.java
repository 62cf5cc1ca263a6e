package io.escala.onboarding;

import io.escala.llm.Generated;
import io.escala.llm.LanguageModel;
import io.escala.llm.PersonalDataRedactor;
import io.escala.mail.MailOutbox;
import io.escala.onboarding.OnboardingSummaryTask.CallBrief;
import io.escala.onboarding.WelcomeMessageTask.WelcomeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** The work behind the onboarding diagram's own service tasks; the delegates only move variables. */
@Service
public class OnboardingCaseService {

  private final SignupRepository signups;
  private final LanguageModel languageModel;
  private final PersonalDataRedactor redactor;
  private final MessageSource messages;
  private final OnboardingProperties properties;
  private final Clock clock;
  private final MailOutbox mailOutbox;

  public OnboardingCaseService(SignupRepository signups, LanguageModel languageModel, PersonalDataRedactor redactor,
      MessageSource messages, OnboardingProperties properties, Clock clock, MailOutbox mailOutbox) {
    this.mailOutbox = mailOutbox;
    this.signups = signups;
    this.languageModel = languageModel;
    this.redactor = redactor;
    this.messages = messages;
    this.properties = properties;
    this.clock = clock;
  }

  public Generated<WelcomeMessage> writeWelcome(String signupId, String caseId) {
    Signup signup = signup(signupId);
    WelcomeMessage fallback = new WelcomeMessage(
        text("onboarding.welcome.fallback.intro." + signup.product().code(), signup.locale()),
        List.of(text("onboarding.welcome.fallback.tip1", signup.locale()),
            text("onboarding.welcome.fallback.tip2", signup.locale())));
    WelcomeMessageTask task = new WelcomeMessageTask(signup.product(), signup.plan(), signup.locale(),
        redact(signup.goals()), fallback);
    return languageModel.generate(task, caseId);
  }

  public Generated<CallBrief> briefForSuccessCall(String signupId, String caseId) {
    Signup signup = signup(signupId);
    SetupProgress progress = SetupProgress.of(signup.product(), signups.completedSteps(signupId));
    long days = Duration.between(signup.createdAt(), clock.instant()).toDays();
    return languageModel.generate(
        new OnboardingSummaryTask(signup.product(), signup.plan(), redact(signup.goals()), progress, days), caseId);
  }

  public SetupProgress progress(String signupId) {
    Signup signup = signup(signupId);
    return SetupProgress.of(signup.product(), signups.completedSteps(signupId));
  }

  /** "Perfil, Marca" in the customer's language, for staff and plain-text mails. */
  public String describeSteps(List<String> steps, Locale locale) {
    return steps.stream().map(step -> text("onboarding.step." + step, locale)).collect(Collectors.joining(", "));
  }

  public java.util.Date successCallDue() {
    return java.util.Date.from(clock.instant().plus(properties.dueDateOffset()));
  }

  /** Erasure of a signup that was never verified: our rows go; the case's history is purged by the sweep. */
  public void erase(String signupId) {
    signups.findById(signupId).ifPresent(signup -> mailOutbox.eraseRecipient(signup.email()));
    signups.delete(signupId);
  }

  private Signup signup(String signupId) {
    return signups.findById(signupId)
        .orElseThrow(() -> new IllegalStateException("No signup " + signupId + " (erased?)"));
  }

  private String redact(String text) {
    return text == null ? null : redactor.redact(text);
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }
}
