package io.escala.platform;

/** Validation patterns shared by Escala's public forms (annotation values, so compile-time constants). */
public final class FormPatterns {

  /** Names and companies end up in e-mail headers: no CR, LF or other control characters. */
  public static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";

  /** Blank is reported by @NotBlank alone, so an empty field gets one message, not two. */
  public static final String EMAIL_OR_BLANK = "^(|[^\\s@]+@[^\\s@]+\\.[^\\s@]+)$";

  private FormPatterns() {}
}
