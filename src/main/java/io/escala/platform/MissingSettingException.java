package io.escala.platform;

/**
 * A setting Escala cannot start without. {@link StartupFailureAnalyzers} turns it into one line naming the property
 * and its environment variable.
 */
public class MissingSettingException extends IllegalStateException {

  private final String property;

  /** @param why what the setting is for, e.g. "the OpenAI-compatible endpoint" */
  public MissingSettingException(String property, String why) {
    super(property + " is not set: " + why);
    this.property = property;
  }

  public String property() {
    return property;
  }
}
