package io.escala.crm;

import java.util.List;

/**
 * One page of built-in contacts, newest first.
 *
 * @param number 1-based page number
 */
public record ContactPage(List<BuiltInContact> contacts, int number, int size, boolean hasNext) {

  public boolean hasPrevious() {
    return number > 1;
  }
}
