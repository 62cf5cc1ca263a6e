package io.escala.onboarding;

import io.escala.platform.PersonalDataHolder;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The person's signup with its consent record and checklist steps; its case is keyed by the signup id. */
@Component
class SignupPersonalData implements PersonalDataHolder {

  private final SignupRepository signups;

  SignupPersonalData(SignupRepository signups) {
    this.signups = signups;
  }

  @Override
  public Set<String> caseKeys(String normalizedEmail) {
    return signups.findByEmail(normalizedEmail).stream().map(Signup::id).collect(Collectors.toSet());
  }

  @Override
  public void erase(String normalizedEmail) {
    signups.findByEmail(normalizedEmail).ifPresent(signup -> signups.delete(signup.id()));
  }
}
