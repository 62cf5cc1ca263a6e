package io.escala.crm;

import java.util.List;

/** A built-in contact with its timeline (newest activity first) and its deals (newest first). */
public record ContactHistory(BuiltInContact contact, List<ContactActivity> activities, List<BuiltInDeal> deals) {

  public ContactHistory(BuiltInContact contact, List<ContactActivity> activities) {
    this(contact, activities, List.of());
  }
}
