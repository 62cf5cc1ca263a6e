package io.escala.platform;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Browsers and API clients that have logged in as an account before: a signed cookie lists the accounts (at most
 * {@value #MAX_ACCOUNTS}), each with an expiry. A known client is exempt from that account's lock, so strangers who
 * lock the account by guessing do not lock its owner out (see {@link LoginThrottle}).
 *
 * <p>Entry = base64url(account|expiry) + "." + base64url(HMAC-SHA256), keyed by a secret generated per installation
 * ({@link GeneratedSecrets}, shared by all nodes). The cookie is HttpOnly, SameSite=Strict and Secure over HTTPS.
 */
@Component
public class KnownDevices {

  static final String COOKIE = "escala-known-device";
  static final int MAX_ACCOUNTS = 5;
  private static final String PURPOSE = "known-device|";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Supplier<byte[]> key;
  private final Clock clock;
  private final Duration validFor;

  @Autowired
  public KnownDevices(GeneratedSecrets secrets, Clock clock, LoginThrottleProperties properties) {
    this(new Supplier<>() {
      private volatile byte[] value;

      @Override
      public byte[] get() {
        if (value == null) {
          value = Base64.getDecoder().decode(secrets.getOrCreate("known-device-key"));
        }
        return value;
      }
    }, clock, properties.knownDeviceFor());
  }

  KnownDevices(Supplier<byte[]> key, Clock clock, Duration validFor) {
    this.key = key;
    this.clock = clock;
    this.validFor = validFor;
  }

  public boolean isKnown(HttpServletRequest request, String account) {
    return account != null && validEntries(request).stream().anyMatch(entry -> entry.account().equals(account));
  }

  /** Adds the account to the client's cookie, unless it is there already. */
  public void remember(HttpServletRequest request, HttpServletResponse response, String account) {
    List<Entry> entries = validEntries(request);
    if (entries.stream().anyMatch(entry -> entry.account().equals(account))) {
      return;
    }
    List<String> tokens = new ArrayList<>();
    tokens.add(sign(account, clock.instant().plus(validFor).getEpochSecond()));
    entries.stream().limit(MAX_ACCOUNTS - 1).map(Entry::token).forEach(tokens::add);
    response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, String.join("~", tokens))
        .path("/").httpOnly(true).secure(request.isSecure()).sameSite("Strict").maxAge(validFor).build().toString());
  }

  private record Entry(String account, String token) {}

  private List<Entry> validEntries(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    List<Entry> entries = new ArrayList<>();
    if (cookies == null) {
      return entries;
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() < 4096) {
        for (String token : cookie.getValue().split("~")) {
          verify(token).ifPresent(account -> entries.add(new Entry(account, token)));
        }
      }
    }
    return entries;
  }

  String sign(String account, long expiryEpochSecond) {
    String payload = account + "|" + expiryEpochSecond;
    return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(payload));
  }

  private Optional<String> verify(String token) {
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String payload;
    byte[] signature;
    try {
      payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int bar = payload.lastIndexOf('|');
    if (!Hmac.matches(mac(payload), signature) || bar < 0) {
      return Optional.empty();
    }
    try {
      long expiry = Long.parseLong(payload.substring(bar + 1));
      return clock.instant().getEpochSecond() < expiry ? Optional.of(payload.substring(0, bar)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    return Hmac.sha256(key.get(), (PURPOSE + payload).getBytes(StandardCharsets.UTF_8));
  }
}
