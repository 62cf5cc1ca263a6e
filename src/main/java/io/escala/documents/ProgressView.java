package io.escala.documents;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * A batch's progress as staff read it, in their language: the same texts on the page and in the JSON its script
 * polls, so the figures never differ between the first render and a refresh.
 */
public record ProgressView(BatchProgress.Progress progress, Map<String, String> display) {

  static ProgressView of(BatchProgress.Progress progress, MessageSource messages, Locale locale) {
    NumberFormat whole = NumberFormat.getIntegerInstance(locale);
    NumberFormat decimal = NumberFormat.getNumberInstance(locale);
    decimal.setMaximumFractionDigits(1);
    NumberFormat money = NumberFormat.getNumberInstance(locale);
    money.setMinimumFractionDigits(2);
    money.setMaximumFractionDigits(4);
    Map<String, String> display = new LinkedHashMap<>();
    display.put("status", messages.getMessage("documents.status." + progress.status(), null, locale));
    display.put("total", whole.format(progress.total()));
    display.put("done", whole.format(progress.done()));
    display.put("generated", whole.format(progress.generated()));
    display.put("flagged", whole.format(progress.flagged()));
    display.put("failed", whole.format(progress.failed()));
    display.put("cancelled", whole.format(progress.cancelled()));
    display.put("remaining", whole.format(progress.remaining()));
    display.put("rejectedInput", whole.format(progress.rejectedInput()));
    display.put("percent", progress.percent() + " %");
    display.put("rate", messages.getMessage("documents.progress.perMinute",
        new Object[] {decimal.format(progress.ratePerMinute())}, locale));
    display.put("eta", progress.etaSeconds() == null
        ? messages.getMessage("documents.progress.noEta", null, locale) : eta(progress.etaSeconds(), messages, locale));
    display.put("tokens", whole.format(progress.promptTokens() + progress.completionTokens()));
    display.put("calls", whole.format(progress.llmCalls()));
    display.put("cached", whole.format(progress.cachedCalls()));
    display.put("cost", "US$ " + money.format(progress.costUsd()));
    return new ProgressView(progress, display);
  }

  private static String eta(long seconds, MessageSource messages, Locale locale) {
    if (seconds < 60) {
      return messages.getMessage("documents.progress.etaSeconds", new Object[] {seconds}, locale);
    }
    long minutes = (seconds + 59) / 60;
    if (minutes < 60) {
      return messages.getMessage("documents.progress.etaMinutes", new Object[] {minutes}, locale);
    }
    return messages.getMessage("documents.progress.etaHours", new Object[] {minutes / 60, minutes % 60}, locale);
  }
}
