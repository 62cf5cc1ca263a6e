package io.escala.onboarding;

import io.escala.mail.Recipient;
import io.escala.mail.RecipientDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Onboarding e-mails go to the signup row's address, in its language, with links signed now: whatever variables
 * someone sets on the case, a mail cannot be steered elsewhere, and no token lands in history.
 */
@Component
class OnboardingRecipients implements RecipientDirectory {

  private final SignupRepository signups;
  private final SignupService signupService;

  OnboardingRecipients(SignupRepository signups, SignupService signupService) {
    this.signups = signups;
    this.signupService = signupService;
  }

  @Override
  public String processKey() {
    return OnboardingProcess.KEY;
  }

  /** The business key is the signup id. */
  @Override
  public Optional<Contact> contactFor(String businessKey) {
    return signups.findById(businessKey).map(this::contact);
  }

  private Contact contact(Signup signup) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", signup.name());
    model.put("firstName", signup.firstName());
    model.put("locale", signup.locale().toLanguageTag());
    // for the CRM step (Contact's model takes no null values)
    if (signup.company() != null) {
      model.put("company", signup.company());
    }
    if (signup.country() != null) {
      model.put("country", signup.country());
    }
    // Each link only while it is of use: the verification link before, the progress page after verification.
    if (signup.status() == Signup.Status.PENDING_VERIFICATION) {
      model.put("verifyUrl", signupService.verifyUrl(signup));
    } else {
      model.put("progressUrl", signupService.progressUrl(signup));
    }
    return new Contact(new Recipient(signup.email(), signup.name()), signup.locale(), model);
  }
}
