package io.escala.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template editor's form: the body, its format, DOCX or not, the LLM sections (a repeatable group) and a sample
 * row for the preview. Problems are message keys of {@code i18n/documents-staff}.
 */
public class TemplateForm {

  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern SECTION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One LLM section as typed: numbers as text, term lists one per line. */
  public static class SectionForm {
    private String name = "";
    private String prompt = "";
    private String maxTokens = "800";
    private String minLength = "";
    private String maxLength = "";
    private String language = "";
    private String requiredTerms = "";
    private String forbiddenTerms = "";
    private String jsonSchema = "";

    static SectionForm of(TemplateSection section) {
      SectionForm form = new SectionForm();
      form.name = section.name();
      form.prompt = section.prompt();
      form.maxTokens = String.valueOf(section.maxTokens());
      form.minLength = section.minLength() == null ? "" : String.valueOf(section.minLength());
      form.maxLength = section.maxLength() == null ? "" : String.valueOf(section.maxLength());
      form.language = section.language() == null ? "" : section.language();
      form.requiredTerms = String.join("\n", section.requiredTerms());
      form.forbiddenTerms = String.join("\n", section.forbiddenTerms());
      form.jsonSchema = section.jsonSchema() == null ? "" : section.jsonSchema();
      return form;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPrompt() { return prompt; }
    public void setPrompt(String prompt) { this.prompt = prompt; }
    public String getMaxTokens() { return maxTokens; }
    public void setMaxTokens(String maxTokens) { this.maxTokens = maxTokens; }
    public String getMinLength() { return minLength; }
    public void setMinLength(String minLength) { this.minLength = minLength; }
    public String getMaxLength() { return maxLength; }
    public void setMaxLength(String maxLength) { this.maxLength = maxLength; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getRequiredTerms() { return requiredTerms; }
    public void setRequiredTerms(String requiredTerms) { this.requiredTerms = requiredTerms; }
    public String getForbiddenTerms() { return forbiddenTerms; }
    public void setForbiddenTerms(String forbiddenTerms) { this.forbiddenTerms = forbiddenTerms; }
    public String getJsonSchema() { return jsonSchema; }
    public void setJsonSchema(String jsonSchema) { this.jsonSchema = jsonSchema; }
  }

  /** A problem with the form: a message key and its arguments (the section's number or name). */
  public record Problem(String key, List<Object> arguments) {
    static Problem of(String key, Object... arguments) {
      return new Problem(key, List.of(arguments));
    }
  }

  private String templateKey = "";
  private String name = "";
  private String body = "";
  private String bodyFormat = TemplateVersion.BodyFormat.HTML.name();
  private boolean docx;
  /** Editing a template that exists (its key fixed), not creating one. */
  private boolean existing;
  private String sample = "";
  private List<SectionForm> sections = new ArrayList<>();

  static TemplateForm of(String name, TemplateVersion version) {
    TemplateForm form = new TemplateForm();
    form.templateKey = version.templateKey();
    form.name = name;
    form.body = version.body();
    form.bodyFormat = version.bodyFormat().name();
    form.docx = version.docx();
    form.existing = true;
    form.sections = new ArrayList<>(version.sections().stream().map(SectionForm::of).toList());
    return form;
  }

  public String getTemplateKey() { return templateKey; }
  public void setTemplateKey(String templateKey) { this.templateKey = templateKey; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getBody() { return body; }
  public void setBody(String body) { this.body = body; }
  public String getBodyFormat() { return bodyFormat; }
  public void setBodyFormat(String bodyFormat) { this.bodyFormat = bodyFormat; }
  public boolean isDocx() { return docx; }
  public void setDocx(boolean docx) { this.docx = docx; }
  public boolean isExisting() { return existing; }
  public void setExisting(boolean existing) { this.existing = existing; }
  public String getSample() { return sample; }
  public void setSample(String sample) { this.sample = sample; }
  public List<SectionForm> getSections() { return sections; }
  public void setSections(List<SectionForm> sections) { this.sections = sections; }

  String key() {
    return templateKey == null ? "" : templateKey.strip();
  }

  TemplateVersion.BodyFormat format() {
    return "MARKDOWN".equals(bodyFormat) ? TemplateVersion.BodyFormat.MARKDOWN : TemplateVersion.BodyFormat.HTML;
  }

  /** What is wrong with the form, in order; empty: it can be saved. */
  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (!KEY.matcher(key()).matches()) {
      problems.add(Problem.of("documents.templates.problem.key"));
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      problems.add(Problem.of("documents.templates.problem.name"));
    }
    if (body == null || body.isBlank()) {
      problems.add(Problem.of("documents.templates.problem.body"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sections.size(); i++) {
      SectionForm section = sections.get(i);
      int number = i + 1;
      String sectionName = section.name == null ? "" : section.name.strip();
      if (!SECTION_NAME.matcher(sectionName).matches()) {
        problems.add(Problem.of("documents.templates.problem.sectionName", number));
      } else if (!names.add(sectionName)) {
        problems.add(Problem.of("documents.templates.problem.sectionTwice", sectionName));
      }
      if (section.prompt == null || section.prompt.isBlank()) {
        problems.add(Problem.of("documents.templates.problem.prompt", number));
      }
      Integer tokens = number(section.maxTokens);
      if (tokens == null || tokens < 1 || tokens > 32_000) {
        problems.add(Problem.of("documents.templates.problem.maxTokens", number));
      }
      Integer min = number(section.minLength);
      Integer max = number(section.maxLength);
      if ((!blank(section.minLength) && (min == null || min < 0))
          || (!blank(section.maxLength) && (max == null || max < 1))
          || (min != null && max != null && min > max)) {
        problems.add(Problem.of("documents.templates.problem.lengths", number));
      }
      if (!blank(section.jsonSchema) && !isJsonObject(section.jsonSchema)) {
        problems.add(Problem.of("documents.templates.problem.schema", number));
      }
    }
    return problems;
  }

  /** The sections as the template stores them; call after {@link #problems()} is empty. */
  List<TemplateSection> templateSections() {
    return sections.stream().map(section -> new TemplateSection(section.name.strip(), section.prompt,
        number(section.maxTokens), number(section.minLength), number(section.maxLength),
        blank(section.language) ? null : section.language.strip(), lines(section.requiredTerms),
        lines(section.forbiddenTerms), blank(section.jsonSchema) ? null : section.jsonSchema.strip())).toList();
  }

  /**
   * The preview's sample row: {@code key=value} lines, or a CSV header line and one row ({@code ;} or {@code ,}).
   */
  Map<String, String> sampleRow() {
    Map<String, String> row = new LinkedHashMap<>();
    if (blank(sample)) {
      return row;
    }
    List<String> lines = sample.lines().filter(line -> !line.isBlank()).toList();
    if (lines.stream().allMatch(line -> line.indexOf('=') > 0)) {
      for (String line : lines) {
        int eq = line.indexOf('=');
        row.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
      return row;
    }
    char delimiter = BatchIntake.delimiterOf(lines.get(0));
    List<String> header = cells(lines.get(0), delimiter);
    List<String> values = lines.size() > 1 ? cells(lines.get(1), delimiter) : List.of();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i).strip(), i < values.size() ? values.get(i) : "");
    }
    return row;
  }

  private static List<String> cells(String line, char delimiter) {
    try (var parser = org.apache.commons.csv.CSVParser.parse(line,
        org.apache.commons.csv.CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
      var records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (java.io.IOException | java.io.UncheckedIOException | IllegalStateException unreadable) {
      return Arrays.asList(line.split(Pattern.quote(String.valueOf(delimiter)), -1));
    }
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static Integer number(String text) {
    if (blank(text)) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static boolean isJsonObject(String json) {
    try {
      return JSON.readTree(json).isObject();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }
}
