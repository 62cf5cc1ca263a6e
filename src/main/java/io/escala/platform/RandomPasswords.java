package io.escala.platform;

import java.security.SecureRandom;

/** Random passwords that satisfy Camunda's default password policy (length, cases, digit, special character). */
public final class RandomPasswords {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SPECIAL = "-_.!+";
  private static final String ALL = LOWER + UPPER + DIGITS;

  private RandomPasswords() {}

  public static String generate() {
    StringBuilder password = new StringBuilder();
    password.append(pick(UPPER)).append(pick(LOWER)).append(pick(DIGITS)).append(pick(SPECIAL));
    for (int i = 0; i < 14; i++) {
      password.append(pick(ALL));
    }
    return password.toString();
  }

  private static char pick(String alphabet) {
    return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
  }
}
