package io.escala.onboarding;

import io.escala.platform.LocaleConfiguration;
import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a valid signup into exactly one onboarding case. The signup row and the process instance are written in one
 * transaction, so there is never a row without a case or a case without a row; the unique e-mail makes a second
 * submission by the same person find the first case instead of starting another.
 */
@Service
public class SignupService {

  private final SignupRepository signups;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;
  private final SignedLinks links;
  private final PublicUrl publicUrl;
  private final OnboardingProperties properties;
  private final Clock clock;

  public SignupService(SignupRepository signups, RuntimeService runtimeService, TransactionTemplate transaction,
      SignedLinks links, PublicUrl publicUrl, OnboardingProperties properties, Clock clock) {
    this.signups = signups;
    this.runtimeService = runtimeService;
    this.transaction = transaction;
    this.links = links;
    this.publicUrl = publicUrl;
    this.properties = properties;
    this.clock = clock;
  }

  public record Outcome(Signup signup, boolean started) {}

  /** @param consentText the consent text exactly as shown to the person, in their language */
  public Outcome signUp(SignupForm form, Locale requestedLocale, String consentText) {
    String email = Signup.normalizeEmail(form.getEmail());
    Optional<Signup> existing = signups.findByEmail(email);
    if (existing.isPresent()) {
      return new Outcome(existing.get(), false);
    }
    Instant now = clock.instant();
    Signup signup = new Signup(UUID.randomUUID().toString(), email, form.getName().strip(),
        form.getCompany().strip(), form.getCountry(), Product.fromCode(form.getProduct()),
        Plan.fromCode(form.getPlan()), blankToNull(form.getGoals()), LocaleConfiguration.supported(requestedLocale),
        consentText, now, Signup.Status.PENDING_VERIFICATION, now, null, null);
    try {
      transaction.executeWithoutResult(status -> {
        signups.insert(signup);
        runtimeService.startProcessInstanceByKey(OnboardingProcess.KEY, signup.id(), startVariables(signup));
      });
      return new Outcome(signup, true);
    } catch (DuplicateKeyException concurrentSubmission) {
      return new Outcome(signups.findByEmail(email).orElseThrow(() -> concurrentSubmission), false);
    }
  }

  /**
   * What the case carries. Contact data here is for staff to read (the success-call form); e-mails are addressed from
   * the signup row ({@link OnboardingRecipients}), and links with tokens are never variables: history keeps them.
   */
  private VariableMap startVariables(Signup signup) {
    return Variables.createVariables()
        .putValue("signupId", signup.id())
        .putValue("email", signup.email())
        .putValue("name", signup.name())
        .putValue("firstName", signup.firstName())
        .putValue("company", signup.company())
        .putValue("country", signup.country())
        .putValue("product", signup.product().code())
        .putValue("plan", signup.plan().code())
        .putValue("locale", signup.locale().toLanguageTag())
        .putValue("setupSteps", Variables.objectValue(new ArrayList<>(signup.product().steps()))
            .serializationDataFormat(SerializationDataFormats.JSON).create())
        .putValue("verificationTimeout", iso(properties.verificationTimeout()))
        .putValue("firstCheckIn", iso(properties.checkIns().get(0)))
        .putValue("secondCheckIn", iso(properties.checkIns().get(1)))
        .putValue("thirdCheckIn", iso(properties.checkIns().get(2)))
        .putValue("activationDeadline", iso(properties.activationDeadline()));
  }

  /**
   * The verification link in the customer's language, valid until the case erases an unverified signup (the same
   * end whenever the mail is rendered, so a retried send does not lengthen it).
   */
  public String verifyUrl(Signup signup) {
    Duration left = Duration.between(clock.instant(), signup.createdAt().plus(properties.verificationTimeout()));
    return publicUrl.to("/onboarding/verify", "token", links.sign(OnboardingProcess.VERIFY_PURPOSE, signup.id(), left),
        "lang", signup.locale().toLanguageTag());
  }

  /** A progress-page link in the customer's language, valid long enough to outlive the onboarding. */
  public String progressUrl(Signup signup) {
    return publicUrl.to("/onboarding/progress", "token",
        links.sign(OnboardingProcess.PROGRESS_PURPOSE, signup.id(), Duration.ofDays(365)),
        "lang", signup.locale().toLanguageTag());
  }

  private static String iso(Duration duration) {
    return duration.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
