package io.escala.onboarding;

import java.util.List;

/** Where a customer stands on their checklist, steps in the product's order. */
public record SetupProgress(List<String> done, List<String> open) {

  public int total() {
    return done.size() + open.size();
  }

  public boolean complete() {
    return open.isEmpty();
  }

  static SetupProgress of(Product product, java.util.Set<String> completed) {
    List<String> done = product.steps().stream().filter(completed::contains).toList();
    List<String> open = product.steps().stream().filter(step -> !completed.contains(step)).toList();
    return new SetupProgress(done, open);
  }
}
