package io.escala.documents;

/** One failed check of a generated document; {@code section} is {@code null} for checks of the whole document. */
public record CheckResult(String check, String section, String reason) {}
