package io.escala.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A typed answer for the model tests: the category must come from an allow-list. */
record TicketSummary(String summary, String category) {

  static final String INSTRUCTIONS = "Summarise the support ticket in one sentence and pick a category: billing, "
      + "technical or other.";

  static StructuredTask<TicketSummary> task(Map<String, Object> input) {
    return new StructuredTask<>() {
      @Override
      public String id() {
        return "support.ticket-summary";
      }

      @Override
      public String instructions() {
        return INSTRUCTIONS;
      }

      @Override
      public Map<String, Object> input() {
        return input;
      }

      @Override
      public Class<TicketSummary> outputType() {
        return TicketSummary.class;
      }

      @Override
      public List<String> validate(TicketSummary output) {
        List<String> problems = new ArrayList<>();
        if (output.summary() == null || output.summary().isBlank()) {
          problems.add("summary is blank");
        }
        if (!Set.of("billing", "technical", "other").contains(output.category())) {
          problems.add("category not allowed");
        }
        return problems;
      }

      @Override
      public TicketSummary fallback() {
        return new TicketSummary("Solicitud recibida", "other");
      }
    };
  }
}
