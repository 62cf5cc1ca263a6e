package io.escala.onboarding;

import io.escala.platform.CaseErasure;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * The right to erasure for a customer who signed up: the onboarding case (running and history), the signup with its
 * consent and steps, the e-mails and the CRM contact.
 */
@Service
public class SignupErasure {

  private final SignupRepository signups;
  private final CaseErasure erasure;

  public SignupErasure(SignupRepository signups, CaseErasure erasure) {
    this.signups = signups;
    this.erasure = erasure;
  }

  /**
   * Erases the person everywhere (CaseErasure asks every feature, so their lead record goes too).
   *
   * @return false when no signup exists for this address
   */
  @Transactional
  public boolean erase(String email) {
    if (signups.findByEmail(Signup.normalizeEmail(email)).isEmpty()) {
      return false;
    }
    erasure.erase(email);
    return true;
  }
}
