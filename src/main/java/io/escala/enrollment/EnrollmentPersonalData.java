package io.escala.enrollment;

import io.escala.platform.PersonalDataHolder;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** A person's enrollments and the cases keyed by them; a seat they held goes to the next on the waitlist. */
@Component
class EnrollmentPersonalData implements PersonalDataHolder {

  private final Enrollments enrollments;

  EnrollmentPersonalData(Enrollments enrollments) {
    this.enrollments = enrollments;
  }

  @Override
  public Set<String> caseKeys(String normalizedEmail) {
    Set<String> keys = new HashSet<>();
    enrollments.ofEmail(normalizedEmail).forEach(enrollment -> keys.add(enrollment.businessKey()));
    return keys;
  }

  @Override
  public void erase(String normalizedEmail) {
    enrollments.erase(normalizedEmail);
  }
}
