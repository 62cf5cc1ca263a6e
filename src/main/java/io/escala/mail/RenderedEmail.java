package io.escala.mail;

/** A template rendered in one language: the subject is already a single line. */
public record RenderedEmail(String subject, String bodyText, String bodyHtml) {}
