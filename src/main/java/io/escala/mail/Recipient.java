package io.escala.mail;

/** Who an e-mail goes to. Built from structured values only: the display name is never pasted into a header. */
public record Recipient(String email, String displayName) {}
