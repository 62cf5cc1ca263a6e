package io.escala.documents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The distinctive values of a batch's rows: a value (of 6 characters or more, up to 6 words) that only one row holds,
 * such as a name, an e-mail or a contract number. A document that contains another row's distinctive value has data
 * of that row leaking in. Values are compared as lower-case words, and looked up by the word sequences of the
 * document, so checking a document costs its length, not the size of the batch.
 */
final class LeakIndex {

  static final int MAX_WORDS = 6;
  static final int MIN_CHARS = 6;
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** A value of another row found in a document. */
  record Leak(String value, int line) {}

  private final Map<String, Integer> lineByValue;

  private LeakIndex(Map<String, Integer> lineByValue) {
    this.lineByValue = lineByValue;
  }

  static LeakIndex of(Map<Integer, Map<String, String>> rowsByLine) {
    Map<String, Integer> owner = new HashMap<>();
    Set<String> shared = new HashSet<>();
    rowsByLine.forEach((line, row) -> {
      Set<String> own = new HashSet<>();
      row.values().forEach(value -> normalized(value).ifPresent(own::add));
      for (String value : own) {
        if (owner.putIfAbsent(value, line) != null) {
          shared.add(value);
        }
      }
    });
    shared.forEach(owner::remove);
    return new LeakIndex(owner);
  }

  /** Distinctive values of rows other than {@code line} that {@code document} contains. */
  List<Leak> leaksInto(String document, int line) {
    List<Leak> leaks = new ArrayList<>();
    if (lineByValue.isEmpty()) {
      return leaks;
    }
    String[] words = words(document);
    Set<String> seen = new HashSet<>();
    for (int start = 0; start < words.length; start++) {
      StringBuilder sequence = new StringBuilder();
      for (int length = 1; length <= MAX_WORDS && start + length <= words.length; length++) {
        if (length > 1) {
          sequence.append(' ');
        }
        sequence.append(words[start + length - 1]);
        String candidate = sequence.toString();
        Integer owner = lineByValue.get(candidate);
        if (owner != null && owner != line && seen.add(candidate)) {
          leaks.add(new Leak(candidate, owner));
        }
      }
    }
    return leaks;
  }

  int size() {
    return lineByValue.size();
  }

  static Optional<String> normalized(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] words = words(value);
    if (words.length == 0 || words.length > MAX_WORDS) {
      return Optional.empty();
    }
    String joined = String.join(" ", words);
    return joined.length() >= MIN_CHARS ? Optional.of(joined) : Optional.empty();
  }

  private static String[] words(String text) {
    return Arrays.stream(NOT_WORD.split(text.toLowerCase(Locale.ROOT))).filter(word -> !word.isEmpty())
        .toArray(String[]::new);
  }
}
