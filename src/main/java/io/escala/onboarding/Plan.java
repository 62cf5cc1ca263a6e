package io.escala.onboarding;

/** Commercial plans offered at signup. */
public enum Plan {
  STARTER, GROWTH, SCALE;

  public String code() {
    return name().toLowerCase();
  }

  public static Plan fromCode(String code) {
    for (Plan plan : values()) {
      if (plan.code().equals(code)) {
        return plan;
      }
    }
    throw new IllegalArgumentException("Unknown plan: " + code);
  }
}
