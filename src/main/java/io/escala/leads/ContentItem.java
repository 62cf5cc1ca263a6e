package io.escala.leads;

/**
 * One piece of Escala content a nurture e-mail may recommend (table {@code content_item}).
 *
 * @param kind {@code course}, {@code webinar} or {@code case-study}
 * @param language {@code es}, {@code pt-BR} or {@code en}
 * @param interest {@code ai-courses}, {@code marketing-automation} or {@code document-generation}
 * @param url an https address on escala.io; the only kind of link a nurture e-mail recommends
 */
public record ContentItem(
    String id, String kind, String language, String interest, String title, String url, String summary) {}
