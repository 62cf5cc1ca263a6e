package io.escala.onboarding;

import java.util.List;

/** What a customer signs up for, and the setup checklist that activates them. Labels live in messages. */
public enum Product {
  COURSE_PLATFORM(List.of("profile", "branding", "first-course", "payments", "invite-students")),
  MARKETING_SAAS(List.of("profile", "sending-domain", "import-contacts", "first-campaign", "invite-team")),
  DOCUMENT_SERVICE(List.of("profile", "brand-kit", "upload-template", "first-batch", "invite-team"));

  private final List<String> steps;

  Product(List<String> steps) {
    this.steps = steps;
  }

  public List<String> steps() {
    return steps;
  }

  public String code() {
    return name().toLowerCase().replace('_', '-');
  }

  public static Product fromCode(String code) {
    for (Product product : values()) {
      if (product.code().equals(code)) {
        return product;
      }
    }
    throw new IllegalArgumentException("Unknown product: " + code);
  }
}
