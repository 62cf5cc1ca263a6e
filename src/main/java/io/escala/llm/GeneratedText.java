package io.escala.llm;

/** The answer of a {@code generateText} step: one piece of text. */
public record GeneratedText(String text) {}
