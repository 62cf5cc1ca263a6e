package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "Visita escala.io para más",
      "visita ESCALA.IO hoy",
      "Más en www.x.com",
      "Más en www.intranet",
      "Abre https://escala.io/precios",
      "Abre http://evil.example/pay",
      "Defanged hxxps://evil.com/login",
      "Defanged hxxp://evil.com",
      "Ou https:evil.com/pagar",
      "Ou https:\\\\evil.com\\pagar",
      "ftp://files.example.org/x",
      "[aquí](https://evil.com)",
      "[aquí](/reset)",
      "[aquí] (evil)",
      "<a href='x'>aquí</a>",
      "< A HREF=x>aquí",
      "javascript:alert(1)",
      "JavaScript:void(0)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "Escríbenos a mailto:ventas@evil.com",
      "Escríbenos a ventas@evil.com",
      "Llama tel:+5511999999999",
      "Visite пример.рф agora",
      "Visite xn--e1afmkfd.xn--p1ai agora",
      "Visite münchen.de",
      "Visite xn--mnchen-3ya.de",
      "escala[.]io tiene todo",
      "escala (dot) io tiene todo",
      "escala{.}com.br",
      "hxxps[:]//evil[.]com",
      "escala\u200B.io con espacio invisible",
      "ｅｓｃａｌａ．ｉｏ a ancho completo",
      "escala。io con punto ideográfico",
      "Un blog en foo.blogspot.com",
      "Aprende ASP.NET en una semana",
      "bit.ly/abc",
      "Entra a 192.168.0.1:8080/admin",
      "Entra a 10.0.0.1/admin",
      "https://escala.io@evil.com/",
      "Ver evil.com.",
      "(ver evil.com)",
      "«evil.com»"})
  void findsLinksOfEveryShape(String text) {
    assertThat(LinkPolicy.find(text)).as(text).isNotEmpty();
    assertThat(LinkPolicy.NO_LINKS.allows(text)).as(text).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Con Escala vas a publicar tus cursos de IA en pocas semanas.",
      "Plan pro. Pasos completados: 2 de 5 tras 3 días.",
      "Versión 3.5 del curso, precio USD 5.000, fecha 12.03.2025 y 1.2.3.4 sin ruta.",
      "Usa Node.js y Vue.js, lee archivo.txt y informe.pdf.",
      "Nota: sube primero tu curso estrella. Ej.: pagos, i.e. facturación, e.g. cobros, S.A. de C.V.",
      "Sube primero tu curso estrella.Conecta los pagos temprano.",
      "webinar-ia-en-la-capacitacion-es",
      "[email] y [phone] quedan como están",
      "Tel: +55 11 9999-9999 es un dato, no un enlace",
      "Hora: 10:30, ratio 3:1, Paso 1: conecta pagos.",
      "Quiere capacitar a 40 docentes en IA este semestre (urgente).",
      "foo.notatld no es un dominio público"})
  void leavesOrdinaryTextAlone(String text) {
    assertThat(LinkPolicy.find(text)).as(text).isEmpty();
    assertThat(LinkPolicy.NO_LINKS.allows(text)).isTrue();
  }

  @Test
  void findsTheHostAsPunycodeAndThePositionInTheOriginalText() {
    String text = "Hola, visita ｅｓｃａｌａ．ｉｏ/precios hoy y münchen.de.";
    List<LinkPolicy.Link> links = LinkPolicy.find(text);

    assertThat(links).extracting(LinkPolicy.Link::host).containsExactly("escala.io", "xn--mnchen-3ya.de");
    assertThat(text.substring(links.get(0).start(), links.get(0).end())).isEqualTo("ｅｓｃａｌａ．ｉｏ/precios");
    assertThat(text.substring(links.get(1).start(), links.get(1).end())).isEqualTo("münchen.de");
  }

  @Test
  void anAllowListLetsThroughHttpsAndBareLinksToExactlyItsHosts() {
    LinkPolicy policy = LinkPolicy.allowingHosts("escala.io", "münchen.de");

    assertThat(policy.allows("Visita https://escala.io/precios o escala.io/ayuda")).isTrue();
    assertThat(policy.allows("Visita xn--mnchen-3ya.de")).isTrue();
    assertThat(policy.allows("Visita http://escala.io")).as("plain http").isFalse();
    assertThat(policy.allows("Visita hxxps://escala.io")).as("defanged scheme").isFalse();
    assertThat(policy.allows("Visita https://escala.io.evil.com")).as("suffix trick").isFalse();
    assertThat(policy.allows("Visita https://evil.com/escala.io")).as("host in the path").isFalse();
    assertThat(policy.allows("Visita https://escala.io@evil.com")).as("user-info").isFalse();
    assertThat(policy.allows("Visita https://escala.io:443@evil.com")).as("user-info with colon").isFalse();
    assertThat(policy.allows("Visita docs.escala.io")).as("subdomain not named").isFalse();
    assertThat(policy.allows("Visita escаla.io")).as("Cyrillic a").isFalse();
    assertThat(policy.allows("[Precios](https://escala.io)")).as("markup").isFalse();
    assertThat(policy.allows("javascript:alert('escala.io')")).isFalse();
  }

  @Test
  void neutraliseReplacesEachForbiddenLinkAndKeepsTheRest() {
    LinkPolicy policy = LinkPolicy.allowingHosts("escala.io");

    assertThat(policy.neutralise("Paga en evil[.]com/pay o en https://escala.io/pagos, o hxxp://x.co."))
        .isEqualTo("Paga en [link] o en https://escala.io/pagos, o [link].");
    assertThat(LinkPolicy.NO_LINKS.neutralise("Quiero algo como www.competidor.com.br y javascript:alert(1)"))
        .isEqualTo("Quiero algo como [link] y [link]");
    assertThat(LinkPolicy.NO_LINKS.neutralise("sin enlaces")).isEqualTo("sin enlaces");
  }

  record Answer(String intro, List<String> tips, Nested nested, int count) {}

  record Nested(String note) {}

  @Test
  void checksAndCleansEveryTextValueOfAnAnswer() {
    Answer answer = new Answer("Hola", List.of("Sube tu curso.", "Mira escala.io"), new Nested("ver bit.ly/x"), 3);

    assertThat(LinkPolicy.NO_LINKS.problemsIn(answer))
        .containsExactly("tips[1] contains a link", "nested.note contains a link");
    assertThat(LinkPolicy.NO_LINKS.withoutLinks(answer))
        .isEqualTo(new Answer("Hola", List.of("Sube tu curso.", "Mira [link]"), new Nested("ver [link]"), 3));

    Answer clean = new Answer("Hola", List.of("Sube tu curso."), new Nested("nada"), 1);
    assertThat(LinkPolicy.NO_LINKS.withoutLinks(clean)).isSameAs(clean);
  }

  /** Label runs are one character class: a repeated regex group would overflow the stack on "c.c.c.c…". */
  @Test
  void longAdversarialInputNeitherOverflowsNorBacktracks() {
    String text = "a".repeat(50_000) + " " + "b-".repeat(20_000) + " " + "c.".repeat(20_000) + "d "
        + "x".repeat(60) + ".com ";
    List<LinkPolicy.Link> links = assertTimeout(Duration.ofSeconds(10), () -> LinkPolicy.find(text));
    assertThat(links).extracting(LinkPolicy.Link::host).containsExactly("x".repeat(60) + ".com");
  }
}
