package io.escala.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.escala.platform.PublicUrl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** With several nodes a link must name the load balancer: the postgres profile requires escala.public-url. */
class PublicUrlRequiredTest {

  @Test
  void aBlankPublicUrlStopsTheStartNamingTheVariable() {
    assertThatThrownBy(() -> new PublicUrl("  ", 8080, "", true))
        .isInstanceOf(PublicUrl.Missing.class)
        .hasMessageStartingWith("Set ESCALA_PUBLICURL (escala.public-url)");
    assertThat(new PublicUrl("https://escala.example.com/", 8080, "", true).to("/signup"))
        .isEqualTo("https://escala.example.com/signup");
    assertThat(new PublicUrl("", 8080, "", false).base()).isEqualTo("http://localhost:8080");
  }

  @Test
  void theFailureIsReportedAsOneLineNotAStackTrace() {
    PublicUrl.Missing missing = catchThrowableOfType(PublicUrl.Missing.class, () -> new PublicUrl("", 8080, "", true));
    FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
        .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }))
        .stream().map(analyzer -> analyzer.analyze(
            new IllegalStateException("Error creating bean 'publicUrl'", missing)))
        .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    assertThat(analysis.getDescription()).contains("ESCALA_PUBLICURL").doesNotContain("\n");
    assertThat(analysis.getAction()).contains("ESCALA_PUBLICURL");
  }

  @Test
  void thePostgresProfileRequiresIt() throws Exception {
    var profile = new YamlPropertySourceLoader().load("postgres", new ClassPathResource("application-postgres.yaml"));
    assertThat(profile).singleElement().satisfies(source ->
        assertThat(source.getProperty("escala.public-url-required")).hasToString("true"));
  }
}
