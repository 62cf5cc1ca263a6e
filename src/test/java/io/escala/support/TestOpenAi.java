package io.escala.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** One WireMock server per test JVM standing in for an OpenAI-compatible endpoint (and other HTTP APIs). */
public final class TestOpenAi {

  private static WireMockServer server;

  private TestOpenAi() {}

  public static synchronized WireMockServer server() {
    if (server == null) {
      server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
    }
    return server;
  }

  public static String baseUrl() {
    return server().baseUrl() + "/v1";
  }

  /** A Chat Completions response whose message content is {@code contentJson}, as the API returns it. */
  public static String chatCompletion(String contentJson) {
    String escaped = contentJson.replace("\\", "\\\\").replace("\"", "\\\"");
    return """
        {"id":"chatcmpl-test","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                     "logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":120,"completion_tokens":60,"total_tokens":180}}
        """.formatted(escaped);
  }
}
