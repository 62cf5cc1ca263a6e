package io.escala.onboarding;

/** The onboarding scenarios on the embedded default database (H2). */
class OnboardingH2IT extends OnboardingScenarios {}
