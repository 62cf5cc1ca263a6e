package io.escala.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationCodeTest {

  @Test
  void codesAreThreeGroupsOfFourWithoutLookAlikesAndDoNotRepeat() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = VerificationCode.generate();
      assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
      codes.add(code);
    }
    assertThat(codes).hasSize(10_000);
  }

  @Test
  void aCodeTypedFromPaperIsFoundHoweverItIsSpaced() {
    assertThat(VerificationCode.parse("7kqm 4xwt pz9h")).contains("7KQM-4XWT-PZ9H");
    assertThat(VerificationCode.parse("7KQM4XWTPZ9H")).contains("7KQM-4XWT-PZ9H");
    assertThat(VerificationCode.parse("7KQM-4XWT-PZ9H")).contains("7KQM-4XWT-PZ9H");
  }

  @Test
  void whatCannotBeACodeIsRefusedBeforeAnyLookUp() {
    assertThat(VerificationCode.parse("7KQM-4XWT-PZ9")).isEmpty();
    assertThat(VerificationCode.parse("7KQM-4XWT-PZ9HH")).isEmpty();
    assertThat(VerificationCode.parse("0KQM-4XWT-PZ9H")).as("zero is not in the alphabet").isEmpty();
    assertThat(VerificationCode.parse("IKQM-4XWT-PZ9H")).isEmpty();
    assertThat(VerificationCode.parse("7KQM-4XWT-PZ9H' OR '1'='1")).isEmpty();
    assertThat(VerificationCode.parse(null)).isEmpty();
  }
}
