package io.escala.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one check for links in text the language model wrote, and in the fallback text that stands in for it.
 *
 * <p>A "link" is anything a mail client or browser would make clickable, or that a reader would type in: a URL with
 * any scheme ({@code https://}, defanged {@code hxxp://}, {@code https:evil.com}, {@code https:\\evil.com}), an
 * opaque URI ({@code javascript:}, {@code data:}, {@code mailto:}, {@code tel:}), link markup ({@code [x](y)},
 * {@code <a href>}), a bare IPv4 address with a port or path, and a bare domain ({@code escala.io}, {@code www.x.com},
 * {@code ASP.NET}, {@code пример.рф}, {@code xn--e1afmkfd.xn--p1ai}). Bare domains are told from ordinary words by
 * the Public Suffix List (Guava's {@link InternetDomainName}), not by a hand-made list of TLDs. Before matching, the
 * text is NFKC-normalised (full-width letters), invisible format characters are dropped ({@code escala\u200B.io}),
 * ideographic dots become dots and obfuscations like {@code escala[.]io} or {@code escala(dot)io} are undone.
 *
 * <p>{@link #NO_LINKS} allows nothing; {@link #allowingHosts} lets through https or scheme-less links to exactly
 * the hosts named (no subdomains, no user-info, no markup). Every {@link StructuredTask} has a policy; the language
 * model ports reject an answer that breaks it (re-ask, then fallback) and strip disallowed links from a fallback.
 */
public final class LinkPolicy {

  /** What a disallowed link is replaced with in fallback text. */
  public static final String PLACEHOLDER = "[link]";

  public static final LinkPolicy NO_LINKS = new LinkPolicy(Set.of());

  /** A link found in text; {@code host} is ASCII lower case (punycode), {@code null} for markup and opaque URIs. */
  public record Link(int start, int end, String scheme, String host, boolean userInfo, boolean markup) {}

  private static final String URL_TAIL = "[^\\s<>\"'`]*";

  private static final Pattern MARKUP = Pattern.compile("(?i)<\\s*a\\b|\\bhref\\s*=|\\]\\s*\\(");

  /** Any scheme followed by two slashes (or backslashes, which browsers read as slashes). */
  private static final Pattern HIERARCHICAL_URL = Pattern.compile(
      "(?i)(?<![a-z0-9+.\\-])([a-z][a-z0-9+.\\-]{0,30}):[/\\\\]{2}(" + URL_TAIL + ")");

  /** Web schemes that browsers also follow without slashes: {@code https:evil.com}. */
  private static final Pattern WEB_URL_WITHOUT_SLASHES = Pattern.compile(
      "(?i)(?<![a-z0-9+.\\-])(https?|h[tx]{2}ps?|ftp|wss?):(?![/\\\\])([^\\s<>\"'`/\\\\]" + URL_TAIL + ")");

  /** Schemes that run code, send mail or dial; "Nota: x" is not one, so the list is closed. */
  private static final Pattern OPAQUE_URI = Pattern.compile(
      "(?i)(?<![a-z0-9+.\\-])(javascript|vbscript|livescript|data|mailto|tel|sms|callto|file|blob|intent|skype"
          + "|whatsapp|tg|market|itms-services):(?=\\S)" + URL_TAIL);

  /**
   * A run of label characters and dots; cut into labels in Java. One character class, no repeated group: Java's
   * regex engine recurses per repetition of a group, which a long run of "a.a.a." would turn into a stack overflow.
   */
  private static final Pattern HOST_RUN = Pattern.compile(
      "(?<![\\p{L}\\p{N}\\p{M}_\\-.])[\\p{L}\\p{N}\\p{M}][\\p{L}\\p{N}\\p{M}.\\-]*+");
  private static final Pattern PORT_AND_PATH = Pattern.compile("(?::\\d{1,5})?(?:[/?#]" + URL_TAIL + ")?");
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}\\p{M}](?:[\\p{L}\\p{N}\\p{M}\\-]*+(?<!-))?");

  private static final Pattern BARE_IPV4 = Pattern.compile(
      "(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d{1,5}|/)" + URL_TAIL);

  /** {@code escala[.]io}, {@code escala (dot) io}, {@code hxxps[:]//}: the usual ways to hide a link. */
  private static final Pattern OBFUSCATED_DOT = Pattern.compile(
      "(?i)\\s?[\\[({<]\\s*(?:\\.|dot|punto|ponto)\\s*[\\])}>]\\s?");
  private static final Pattern OBFUSCATED_COLON = Pattern.compile("[\\[({]\\s*:\\s*[\\])}]");

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final Set<String> allowedHosts;

  private LinkPolicy(Set<String> allowedHosts) {
    this.allowedHosts = allowedHosts;
  }

  /** Links to exactly these hosts (https or no scheme) are allowed; everything else is not. */
  public static LinkPolicy allowingHosts(String... hosts) {
    return new LinkPolicy(Arrays.stream(hosts).map(LinkPolicy::asciiHost)
        .peek(host -> {
          if (host == null) {
            throw new IllegalArgumentException("Not a host name: " + Arrays.toString(hosts));
          }
        })
        .collect(Collectors.toUnmodifiableSet()));
  }

  /** @return every link in the text, positions in the text as given */
  public static List<Link> find(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    MappedText normalised = MappedText.normalise(text);
    String t = normalised.text;
    List<Link> found = new ArrayList<>();
    Matcher m = MARKUP.matcher(t);
    while (m.find()) {
      found.add(normalised.link(m.start(), m.end(), null, null, false, true));
    }
    m = HIERARCHICAL_URL.matcher(t);
    while (m.find()) {
      Authority authority = Authority.of(m.group(2));
      found.add(normalised.link(m.start(), m.end(), m.group(1).toLowerCase(Locale.ROOT), authority.host,
          authority.userInfo, false));
    }
    m = WEB_URL_WITHOUT_SLASHES.matcher(t);
    while (m.find()) {
      Authority authority = Authority.of(m.group(2));
      found.add(normalised.link(m.start(), m.end(), m.group(1).toLowerCase(Locale.ROOT), authority.host,
          authority.userInfo, false));
    }
    m = OPAQUE_URI.matcher(t);
    while (m.find()) {
      found.add(normalised.link(m.start(), m.end(), m.group(1).toLowerCase(Locale.ROOT), null, false, false));
    }
    m = HOST_RUN.matcher(t);
    Matcher tail = PORT_AND_PATH.matcher(t);
    while (m.find()) {
      String host = hostAtStartOf(m.group());
      int hostEnd = m.start() + (host == null ? 0 : host.length());
      if (host == null || hostEnd < t.length() && t.charAt(hostEnd) == '_') {
        continue;
      }
      String ascii = asciiHost(host);
      if (host.regionMatches(true, 0, "www.", 0, 4) || isPublicDomain(ascii)) {
        tail.region(hostEnd, t.length()).lookingAt();
        found.add(normalised.link(m.start(), tail.end(), null, ascii == null ? host : ascii, false, false));
      }
    }
    m = BARE_IPV4.matcher(t);
    while (m.find()) {
      found.add(normalised.link(m.start(), m.end(), null, m.group(1), false, false));
    }
    return outermost(found);
  }

  public boolean permits(Link link) {
    return !allowedHosts.isEmpty() && !link.markup() && !link.userInfo() && link.host() != null
        && (link.scheme() == null || link.scheme().equals("https"))
        && allowedHosts.contains(link.host());
  }

  /** {@code true} when the text has no link this policy forbids. */
  public boolean allows(String text) {
    return find(text).stream().allMatch(this::permits);
  }

  /** The text with every forbidden link replaced by {@link #PLACEHOLDER}. */
  public String neutralise(String text) {
    List<Link> forbidden = find(text).stream().filter(link -> !permits(link)).toList();
    if (forbidden.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Link link : forbidden) {
      out.append(text, at, link.start()).append(PLACEHOLDER);
      at = link.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /**
   * Checks every text value of an answer (record fields, list elements, nested records).
   *
   * @return one problem per field that holds a forbidden link, naming the field, never quoting the text
   */
  public List<String> problemsIn(Object answer) {
    List<String> problems = new ArrayList<>();
    walk(JSON.valueToTree(answer), "", (path, text) -> {
      if (!allows(text)) {
        problems.add((path.isEmpty() ? "answer" : path) + " contains a link");
      }
      return text;
    });
    return problems;
  }

  /** The answer with forbidden links replaced in every text value; the same instance when there were none. */
  @SuppressWarnings("unchecked")
  public <T> T withoutLinks(T answer) {
    if (answer == null || problemsIn(answer).isEmpty()) {
      return answer;
    }
    JsonNode tree = walk(JSON.valueToTree(answer), "", (path, text) -> neutralise(text));
    try {
      return (T) JSON.treeToValue(tree, answer.getClass());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot rebuild " + answer.getClass().getSimpleName() + " without links", e);
    }
  }

  private interface TextVisitor {
    String visit(String path, String text);
  }

  private static JsonNode walk(JsonNode node, String path, TextVisitor visitor) {
    if (node instanceof TextNode text) {
      return TextNode.valueOf(visitor.visit(path, text.textValue()));
    }
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      fields.forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> entry : entries) {
        String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        object.set(entry.getKey(), walk(entry.getValue(), child, visitor));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(array.get(i), path + "[" + i + "]", visitor));
      }
      return array;
    }
    return node;
  }

  /** The dotted host a run starts with ("evil.com" of "evil.com..."), or {@code null} when it has no dot. */
  private static String hostAtStartOf(String run) {
    int end = run.length();
    int doubleDot = run.indexOf("..");
    if (doubleDot >= 0) {
      end = doubleDot;
    }
    String host = run.substring(0, end);
    while (host.endsWith(".") || host.endsWith("-")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.indexOf('.') < 0) {
      return null;
    }
    for (String label : host.split("\\.")) {
      if (!LABEL.matcher(label).matches()) {
        return null;
      }
    }
    return host;
  }

  /** Longest first among links that start together; a link inside another one (its host) is dropped. */
  private static List<Link> outermost(List<Link> found) {
    found.sort(Comparator.comparingInt(Link::start).thenComparing(Comparator.comparingInt(Link::end).reversed()));
    List<Link> kept = new ArrayList<>();
    int end = -1;
    for (Link link : found) {
      if (link.start() >= end) {
        kept.add(link);
        end = link.end();
      }
    }
    return kept;
  }

  /** Lower-case ASCII (punycode) form, or {@code null} when it cannot be a host name. */
  static String asciiHost(String host) {
    if (host == null || host.isBlank() || host.length() > 253) {
      return null;
    }
    String h = host.strip();
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    try {
      return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Under a suffix of the Public Suffix List; checked in both the punycode and the Unicode spelling. */
  private static boolean isPublicDomain(String asciiHost) {
    if (asciiHost == null) {
      return false;
    }
    return underPublicSuffix(asciiHost) || underPublicSuffix(IDN.toUnicode(asciiHost, IDN.ALLOW_UNASSIGNED));
  }

  private static boolean underPublicSuffix(String host) {
    try {
      if (!InternetDomainName.isValid(host)) {
        return false;
      }
      // hasPublicSuffix, not isUnderPublicSuffix: blogspot.com or github.io are suffixes themselves, and links.
      InternetDomainName name = InternetDomainName.from(host);
      return name.hasPublicSuffix() && name.parts().size() > 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Host of the part after {@code scheme://}: up to the path, without user-info, port or IPv6 brackets. */
  private record Authority(String host, boolean userInfo) {

    static Authority of(String rest) {
      int end = rest.length();
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '/' || c == '\\' || c == '?' || c == '#') {
          end = i;
          break;
        }
      }
      String authority = rest.substring(0, end);
      int at = authority.lastIndexOf('@');
      boolean userInfo = at >= 0;
      String hostPort = authority.substring(at + 1);
      String host;
      if (hostPort.startsWith("[")) {
        int close = hostPort.indexOf(']');
        host = close > 0 ? hostPort.substring(1, close) : hostPort;
        return new Authority(host.toLowerCase(Locale.ROOT), userInfo);
      }
      int colon = hostPort.indexOf(':');
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
      String ascii = asciiHost(host);
      return new Authority(ascii == null ? host.toLowerCase(Locale.ROOT) : ascii, userInfo);
    }
  }

  /** Normalised text that remembers, for each of its characters, the span of the original it came from. */
  private static final class MappedText {

    private static final String TRAILING_PUNCTUATION = ".,;:!?'\"»”’";
    private static final String OPENING = "([{";
    private static final String CLOSING = ")]}";

    /** Trailing punctuation, or a closing bracket the link did not open ("(ver https://x.com)"). */
    private boolean trailing(int start, int end) {
      char c = text.charAt(end - 1);
      if (TRAILING_PUNCTUATION.indexOf(c) >= 0) {
        return true;
      }
      int kind = CLOSING.indexOf(c);
      if (kind < 0) {
        return false;
      }
      long opened = text.substring(start, end).chars().filter(ch -> ch == OPENING.charAt(kind)).count();
      long closed = text.substring(start, end).chars().filter(ch -> ch == c).count();
      return closed > opened;
    }

    final String text;
    final int[] from;
    final int[] to;

    private MappedText(String text, int[] from, int[] to) {
      this.text = text;
      this.from = from;
      this.to = to;
    }

    static MappedText normalise(String original) {
      StringBuilder out = new StringBuilder(original.length());
      List<int[]> spans = new ArrayList<>(original.length());
      for (int i = 0; i < original.length(); ) {
        int cp = original.codePointAt(i);
        int next = i + Character.charCount(cp);
        String replacement;
        if (Character.getType(cp) == Character.FORMAT) {
          replacement = "";
        } else if (cp == '\u3002' || cp == '\uFF0E' || cp == '\uFF61') {
          replacement = ".";
        } else {
          replacement = Normalizer.normalize(original.substring(i, next), Normalizer.Form.NFKC);
        }
        for (int k = 0; k < replacement.length(); k++) {
          spans.add(new int[] {i, next});
        }
        out.append(replacement);
        i = next;
      }
      MappedText mapped = of(out.toString(), spans);
      return mapped.replaceAll(OBFUSCATED_DOT, match -> ".").replaceAll(OBFUSCATED_COLON, match -> ":");
    }

    private static MappedText of(String text, List<int[]> spans) {
      int[] from = new int[spans.size()];
      int[] to = new int[spans.size()];
      for (int i = 0; i < spans.size(); i++) {
        from[i] = spans.get(i)[0];
        to[i] = spans.get(i)[1];
      }
      return new MappedText(text, from, to);
    }

    MappedText replaceAll(Pattern pattern, Function<Matcher, String> replacement) {
      Matcher m = pattern.matcher(text);
      StringBuilder out = new StringBuilder(text.length());
      List<int[]> spans = new ArrayList<>(text.length());
      int at = 0;
      boolean changed = false;
      while (m.find()) {
        changed = true;
        for (int i = at; i < m.start(); i++) {
          spans.add(new int[] {from[i], to[i]});
        }
        out.append(text, at, m.start());
        String r = replacement.apply(m);
        for (int k = 0; k < r.length(); k++) {
          spans.add(new int[] {from[m.start()], to[m.end() - 1]});
        }
        out.append(r);
        at = m.end();
      }
      if (!changed) {
        return this;
      }
      for (int i = at; i < text.length(); i++) {
        spans.add(new int[] {from[i], to[i]});
      }
      out.append(text.substring(at));
      return of(out.toString(), spans);
    }

    /** A URL does not end in the punctuation of the sentence around it: "ver evil.com." or "(evil.com)". */
    Link link(int start, int end, String scheme, String host, boolean userInfo, boolean markup) {
      int last = end;
      while (!markup && last - start > 1 && trailing(start, last)) {
        last--;
      }
      return new Link(from[start], to[last - 1], scheme, host, userInfo, markup);
    }
  }
}
