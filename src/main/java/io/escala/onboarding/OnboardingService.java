package io.escala.onboarding;

import io.escala.platform.CaseMessages;
import io.escala.platform.SignedLinks;
import io.escala.platform.SignedLinks.Verification;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.springframework.dao.DuplicateKeyException;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What customers do after signing up: verify their address and work through the setup checklist. */
@Service
public class OnboardingService {

  private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);
  private static final int CORRELATION_ATTEMPTS = 3;

  private final SignupRepository signups;
  private final CaseMessages caseMessages;
  private final SignedLinks links;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public OnboardingService(SignupRepository signups, CaseMessages caseMessages,
      SignedLinks links, TransactionTemplate transaction, Clock clock) {
    this.signups = signups;
    this.caseMessages = caseMessages;
    this.links = links;
    this.transaction = transaction;
    this.clock = clock;
  }

  public enum VerificationResult { VERIFIED, ALREADY_VERIFIED, EXPIRED, INVALID }

  public record VerifiedSignup(VerificationResult result, Signup signup) {}

  /**
   * What the link would do, without doing it: the page behind a GET only asks the person to confirm, because mail
   * scanners open every link in a message and must not confirm an address for its owner.
   */
  public VerificationResult check(String token) {
    Verification verification = links.verify(OnboardingProcess.VERIFY_PURPOSE, token);
    return switch (verification.status()) {
      case INVALID -> VerificationResult.INVALID;
      case EXPIRED -> VerificationResult.EXPIRED;
      case VALID -> signups.findById(verification.subject())
          .map(signup -> signup.status() == Signup.Status.PENDING_VERIFICATION ? VerificationResult.VERIFIED
              : VerificationResult.ALREADY_VERIFIED)
          .orElse(VerificationResult.EXPIRED);
    };
  }

  /** Idempotent: confirming again shows "already verified" and correlates nothing. */
  public VerifiedSignup verify(String token) {
    Verification verification = links.verify(OnboardingProcess.VERIFY_PURPOSE, token);
    return switch (verification.status()) {
      case INVALID -> new VerifiedSignup(VerificationResult.INVALID, null);
      case EXPIRED -> new VerifiedSignup(VerificationResult.EXPIRED, null);
      case VALID -> signups.findById(verification.subject())
          .map(this::verify)
          // The signup was erased: the link outlived its case.
          .orElse(new VerifiedSignup(VerificationResult.EXPIRED, null));
    };
  }

  private VerifiedSignup verify(Signup signup) {
    Boolean verifiedNow = transaction.execute(status -> {
      if (!signups.markVerified(signup.id(), clock.instant())) {
        return false;
      }
      // Delivered after this commit; a case still busy sending the verification e-mail finds it when it waits.
      // No variables: the progress link is signed when a mail needs it, never kept in the case.
      caseMessages.send(OnboardingProcess.EMAIL_VERIFIED, signup.id());
      return true;
    });
    Signup current = signups.findById(signup.id()).orElse(signup);
    return new VerifiedSignup(Boolean.TRUE.equals(verifiedNow) ? VerificationResult.VERIFIED
        : VerificationResult.ALREADY_VERIFIED, current);
  }

  /** The signup behind a progress-page token, if the token is valid and the signup verified. */
  public Optional<Signup> signupForProgressToken(String token) {
    return links.verify(OnboardingProcess.PROGRESS_PURPOSE, token).validSubject()
        .flatMap(signups::findById)
        .filter(signup -> signup.status() != Signup.Status.PENDING_VERIFICATION);
  }

  public SetupProgress progress(Signup signup) {
    return SetupProgress.of(signup.product(), signups.completedSteps(signup.id()));
  }

  /**
   * Records a step (idempotent) and tells the case. The step is stored even when the case is not waiting for it
   * right now (e.g. during the success call): the checklist reads the table when it resumes.
   */
  public SetupProgress completeStep(Signup signup, String step) {
    if (!signup.product().steps().contains(step)) {
      throw new IllegalArgumentException("Unknown step for " + signup.product() + ": " + step);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        transaction.executeWithoutResult(status -> {
          signups.completeStep(signup.id(), step, clock.instant());
          if (progress(signup).complete()) {
            signups.markActivated(signup.id(), clock.instant());
          }
          caseMessages.send(OnboardingProcess.SETUP_STEP_COMPLETED, signup.id(), Map.of("lastCompletedStep", step));
        });
        return progress(signup);
      } catch (DuplicateKeyException concurrentStep) {
        // Two steps ticked at the same moment: the case moved under us; the retry sees the new state.
        if (attempt == CORRELATION_ATTEMPTS) {
          throw concurrentStep;
        }
        log.debug("Retrying step {} of {} after a concurrent update", step, signup.id());
      }
    }
  }
}
