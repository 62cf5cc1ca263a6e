package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyResultImpl;
import org.junit.jupiter.api.Test;

class RandomPasswordsTest {

  @Test
  void generatedPasswordsPassCamundasDefaultPolicyAndDoNotRepeat() {
    DefaultPasswordPolicyImpl policy = new DefaultPasswordPolicyImpl();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String password = RandomPasswords.generate();
      var violations = policy.getRules().stream().filter(rule -> !rule.execute(password, null)).toList();
      assertThat(violations).as(password).isEmpty();
      assertThat(seen.add(password)).isTrue();
    }
  }
}
