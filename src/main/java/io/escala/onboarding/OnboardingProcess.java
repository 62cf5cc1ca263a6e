package io.escala.onboarding;

/** Names shared by the diagram, the delegates and the web layer. */
public final class OnboardingProcess {

  public static final String KEY = "customer-onboarding";
  public static final String EMAIL_VERIFIED = "EmailVerified";
  public static final String SETUP_STEP_COMPLETED = "SetupStepCompleted";
  public static final String VERIFY_PURPOSE = "onboarding-verify";
  public static final String PROGRESS_PURPOSE = "onboarding-progress";

  private OnboardingProcess() {}
}
