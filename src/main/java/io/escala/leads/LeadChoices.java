package io.escala.leads;

import java.util.List;

/** The fixed answer lists of the lead form; the DMN tables score exactly these codes. */
public record LeadChoices(
    List<String> roles, List<String> companySizes, List<String> budgetRanges, List<String> interests) {

  public static final LeadChoices INSTANCE = new LeadChoices(
      List.of("founder", "executive", "manager", "individual", "student"),
      List.of("1-10", "11-50", "51-200", "201-1000", "1000+"),
      List.of("<1k", "1k-5k", "5k-20k", "20k+"),
      List.of("ai-courses", "marketing-automation", "document-generation", "other"));
}
