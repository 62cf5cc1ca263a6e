package io.escala.leads;

import io.escala.llm.LinkPolicy;
import io.escala.llm.StructuredTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LLM picks one item of the catalog candidates for this e-mail and writes a short intro. It sees the interest,
 * the step and the candidates (id, kind, title, summary) — no personal data — and may only answer with one of the
 * candidate ids: links are added by Escala from the catalog, never taken from the model.
 */
final class NurtureEmailTask implements StructuredTask<NurtureEmailTask.NurtureCopy> {

  /** What the model must return. */
  public record NurtureCopy(String contentId, String intro) {}

  static final int MAX_INTRO = 400;

  private final Locale language;
  private final String interest;
  private final int step;
  private final List<ContentItem> candidates;
  private final NurtureCopy fallback;

  NurtureEmailTask(Locale language, String interest, int step, List<ContentItem> candidates, NurtureCopy fallback) {
    this.language = language;
    this.interest = interest;
    this.step = step;
    this.candidates = candidates;
    this.fallback = fallback;
  }

  @Override
  public String id() {
    return "leads.nurture-email";
  }

  @Override
  public String instructions() {
    return """
        You help write one e-mail of a B2B nurture sequence for Escala, a software company. From `candidates`
        (content of Escala's catalog) pick the single item most useful for a lead interested in `interest` at
        sequence step `step` (0 = first e-mail: prefer introductory content; later: deeper content, case studies,
        webinars). Return `contentId`: exactly the id of the chosen candidate, and `intro`: two friendly sentences
        (max 400 characters) in the language `language` (es, pt-BR or en) on why this content helps. No greeting,
        no signature, no links, no prices or promises.""";
  }

  @Override
  public Map<String, Object> input() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("language", language.toLanguageTag());
    input.put("interest", interest == null ? "other" : interest);
    input.put("step", step);
    List<Map<String, String>> items = new ArrayList<>();
    for (ContentItem item : candidates) {
      items.add(Map.of("id", item.id(), "kind", item.kind(), "title", item.title(), "summary", item.summary()));
    }
    input.put("candidates", items);
    return input;
  }

  @Override
  public Class<NurtureCopy> outputType() {
    return NurtureCopy.class;
  }

  @Override
  public List<String> validate(NurtureCopy output) {
    List<String> problems = new ArrayList<>();
    if (output.contentId() == null || candidates.stream().noneMatch(item -> item.id().equals(output.contentId()))) {
      problems.add("contentId is not one of the candidates");
    }
    if (output.intro() == null || output.intro().isBlank() || output.intro().length() > MAX_INTRO) {
      problems.add("intro missing or longer than " + MAX_INTRO);
    } else if (!LinkPolicy.NO_LINKS.allows(output.intro())) {
      problems.add("intro contains a link");
    }
    return problems;
  }

  @Override
  public NurtureCopy fallback() {
    return fallback;
  }
}
