package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CountriesTest {

  @Test
  void timeZoneComesFromTheBrowserThenTheCountryThenMexicoCity() {
    assertThat(Countries.zone("America/Lima", "MX")).isEqualTo(ZoneId.of("America/Lima"));
    assertThat(Countries.zone("Mars/Olympus", "BR")).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    assertThat(Countries.zone(" America/Bogota ", null)).isEqualTo(ZoneId.of("America/Bogota"));
    assertThat(Countries.zone("x".repeat(61), "AR")).isEqualTo(ZoneId.of("America/Argentina/Buenos_Aires"));
    assertThat(Countries.zone(null, "CA")).as("a country without a main zone here").isEqualTo(Countries.DEFAULT_ZONE);
    assertThat(Countries.zone(null, null)).isEqualTo(ZoneId.of("America/Mexico_City"));
  }

  @Test
  void everyMainZoneIsOfACountryOnTheForms() {
    assertThat(Countries.mainZones()).first().isEqualTo(ZoneId.of("America/Mexico_City"));
    assertThat(Countries.mainZones()).hasSize(23).doesNotHaveDuplicates();
  }
}
