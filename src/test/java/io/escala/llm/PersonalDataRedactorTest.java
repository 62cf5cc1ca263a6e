package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataRedactorTest {

  private final PersonalDataRedactor redactor = new PersonalDataRedactor();

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Escríbeme a maria.gonzalez+escala@empresa.com.mx cuando puedas. | Escríbeme a [email] cuando puedas.
      Meu e-mail é joão.silva@exemplo.com.br.                         | Meu e-mail é [email].
      Contacto: ANA_P@Universidad.edu.co / soporte                    | Contacto: [email] / soporte
      """)
  void emailAddresses(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Me pueden llamar al +56 9 8765 4321 en la tarde.     | Me pueden llamar al [phone] en la tarde.
      WhatsApp: +55 (11) 98765-4321                         | WhatsApp: [phone]
      Mi celular es +52 55 1234 5678, gracias.              | Mi celular es [phone], gracias.
      Teléfono +54 9 11 2345-6789                           | Teléfono [phone]
      Llamar a +5511987654321 após as 18h                   | Llamar a [phone] após as 18h
      Liga no (21) 3456-7890 ou no 11 98765-4321.           | Liga no [phone] ou no [phone].
      Mi número: 300 123 4567 (Bogotá)                      | Mi número: [phone] (Bogotá)
      Celular 987 654 321, oficina 01-234-5678              | Celular [phone], oficina [phone]
      En Santiago: 9 8765 4321 o 22 345 6789                | En Santiago: [phone] o [phone]
      """)
  void phoneNumbers(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Meu CPF é 123.456.789-09 e o outro 98765432100.            | Meu CPF é [id] e o outro [id].
      CNPJ da empresa: 12.345.678/0001-95                         | CNPJ da empresa: [id]
      CNPJ sem pontuação 12345678000195.                          | CNPJ sem pontuação [id].
      Mi RUT es 12.345.678-5, el de mi empresa 76.123.456-K       | Mi RUT es [id], el de mi empresa [id]
      RUT sin puntos: 9876543-k                                   | RUT sin puntos: [id]
      Mi CURP: GODE561231HDFRRN09                                 | Mi CURP: [id]
      curp en minúsculas: bado800101mdfrrs04.                     | curp en minúsculas: [id].
      RFC persona física GODE561231GR8, empresa ABC0102035N7.     | RFC persona física [id], empresa [id].
      RFC con Ñ: MUÑO800101AB1                                    | RFC con Ñ: [id]
      """)
  void nationalIds(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Queremos lanzar el curso en 2025 y crecer un 30% en 2026.",
      "El plan Pro cuesta USD 5.000 al año, el Starter USD 1.200.",
      "Temos um orçamento de R$ 12.500,00 para o plano Business 360.",
      "Presupuesto: CLP 12.345.678 para la temporada 2024-2025.",
      "Reunión el 15-03-2025 a las 10:30, o el 2025-03-20.",
      "Somos 250 alumnos en 12 sedes; plan Escala Growth 3.0.",
      "Pedido 4521, factura 2024/00123, versión 1.2.3.",
      "Nuestro sitio web está en construcción; llamen a recepción.",
      "Horario: lunes a viernes 9-18 h, sábados 9-13 h.",
  })
  void ordinaryBusinessTextStaysUntouched(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void aRealisticMessageKeepsItsMeaning() {
    String message = """
        Hola, soy Carolina Muñoz (RUT 15.234.567-2) de Academia Andes. Queremos el plan Pro para 2025, \
        unos 1.200 alumnos. Escríbanme a carolina@academiaandes.cl o al +56 9 6123 4567.""";

    assertThat(redactor.redact(message)).isEqualTo("""
        Hola, soy Carolina Muñoz (RUT [id]) de Academia Andes. Queremos el plan Pro para 2025, \
        unos 1.200 alumnos. Escríbanme a [email] o al [phone].""");
  }

  @Test
  void longDigitRunsAreHandledQuickly() {
    String hostile = "1 ".repeat(20_000) + "x" + "9".repeat(50_000) + "@" + "a.".repeat(20_000);

    assertThat(redactor.redact(hostile)).isNotNull();
  }

  @Test
  void nullAndEmptyStayAsTheyAre() {
    assertThat(redactor.redact(null)).isNull();
    assertThat(redactor.redact("")).isEmpty();
  }
}
