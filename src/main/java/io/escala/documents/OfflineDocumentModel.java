package io.escala.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded default's document model when no {@code escala.llm.api-key} is set: nothing leaves the machine, and
 * each section gets a short deterministic Spanish paragraph built from its row's values, plainly marked as written
 * without a model, so a batch can be tried end to end (generation, checks, review, delivery) on a fresh install. A
 * structured section gets {@code {}}, which its schema check then flags for review.
 */
final class OfflineDocumentModel implements DocumentModel {

  static final String MODEL = "offline";
  private static final Pattern DATA = Pattern.compile("<data>(.*?)</data>", Pattern.DOTALL);

  @Override
  public Answer complete(Request request) {
    if (request.jsonSchema() != null) {
      return new Answer("{}", MODEL, 0, 0);
    }
    List<String> values = new ArrayList<>();
    Matcher data = DATA.matcher(request.user());
    while (data.find()) {
      String value = HtmlUtils.htmlUnescape(data.group(1)).strip();
      if (!value.isEmpty() && !values.contains(value)) {
        values.add(value);
      }
    }
    String text = "Este párrafo de ejemplo lo escribió Escala sin un modelo de IA, porque no hay una clave"
        + " configurada en escala.llm.api-key. Con una clave, aquí aparecerá el texto que pide la sección «"
        + request.sectionName() + "» de la plantilla"
        + (values.isEmpty() ? "." : ", escrito a partir de los datos de esta fila: " + String.join(", ", values) + ".");
    return new Answer(text, MODEL, 0, 0);
  }

  @Override
  public void close() {}
}
