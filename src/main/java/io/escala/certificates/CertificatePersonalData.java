package io.escala.certificates;

import io.escala.platform.PersonalDataHolder;
import org.springframework.stereotype.Component;

/**
 * A learner's certificates on erasure: anonymised, not deleted (see {@link Certificates#erase}). Certificates start no
 * case of their own, so there are no case keys.
 */
@Component
class CertificatePersonalData implements PersonalDataHolder {

  private final Certificates certificates;

  CertificatePersonalData(Certificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public void erase(String normalizedEmail) {
    certificates.erase(normalizedEmail);
  }
}
