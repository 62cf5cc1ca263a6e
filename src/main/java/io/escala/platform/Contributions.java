package io.escala.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Everything the features contributed ({@link PlatformContribution} beans), checked once at start-up: a staff page
 * naming a group nobody declares, a group declared twice with different names, or a public path declared twice is a
 * start-up error naming the features involved.
 */
@Component
public class Contributions {

  public static final String ADMIN_GROUP = "camunda-admin";

  private final List<PlatformContribution> contributions;
  private final Map<String, StaffGroup> groups = new LinkedHashMap<>();
  private final List<MatchedEndpoint> endpoints = new ArrayList<>();
  private final List<MatchedApi> apis = new ArrayList<>();

  private record MatchedEndpoint(PathPattern pattern, PublicEndpoint endpoint) {}

  private record MatchedApi(PathPattern pattern, ApiEndpoint endpoint) {}

  public Contributions(List<PlatformContribution> contributions) {
    this.contributions = List.copyOf(contributions);
    Map<String, String> groupOwner = new LinkedHashMap<>();
    Set<String> paths = new HashSet<>();
    for (PlatformContribution contribution : this.contributions) {
      for (StaffGroup group : contribution.staffGroups()) {
        StaffGroup known = groups.putIfAbsent(group.id(), group);
        if (known != null && !known.equals(group)) {
          throw new IllegalStateException("Staff group '" + group.id() + "' is declared differently by "
              + groupOwner.get(group.id()) + " and " + contribution.feature());
        }
        groupOwner.putIfAbsent(group.id(), contribution.feature());
      }
      for (PublicEndpoint endpoint : contribution.publicEndpoints()) {
        if (!paths.add(endpoint.pathPattern())) {
          throw new IllegalStateException("Public path " + endpoint.pathPattern() + " is declared twice ("
              + contribution.feature() + ")");
        }
        endpoints.add(new MatchedEndpoint(PathPatternParser.defaultInstance.parse(endpoint.pathPattern()), endpoint));
      }
      for (ApiEndpoint api : contribution.apiEndpoints()) {
        if (!paths.add(api.pathPattern())) {
          throw new IllegalStateException("API path " + api.pathPattern() + " is declared twice ("
              + contribution.feature() + ")");
        }
        apis.add(new MatchedApi(PathPatternParser.defaultInstance.parse(api.pathPattern()), api));
      }
    }
    apis.sort(Comparator.comparing(MatchedApi::pattern, PathPattern.SPECIFICITY_COMPARATOR));
    for (ApiEndpoint api : apiEndpoints()) {
      for (String group : api.groups()) {
        if (!groups.containsKey(group) && !ADMIN_GROUP.equals(group)) {
          throw new IllegalStateException("API " + api.pathPattern() + " names group '" + group
              + "', which no feature declares as a StaffGroup");
        }
      }
    }
    // The most specific pattern answers first (/unsubscribe/one-click before /unsubscribe/**).
    endpoints.sort(Comparator.comparing(MatchedEndpoint::pattern, PathPattern.SPECIFICITY_COMPARATOR));
    for (StaffPage page : staffPages()) {
      for (String group : page.groups()) {
        if (!groups.containsKey(group) && !ADMIN_GROUP.equals(group)) {
          throw new IllegalStateException("Staff page " + page.path() + " names group '" + group
              + "', which no feature declares as a StaffGroup");
        }
      }
    }
  }

  public List<PublicEndpoint> publicEndpoints() {
    return endpoints.stream().map(MatchedEndpoint::endpoint).toList();
  }

  /** The public endpoint a request path belongs to, the most specific pattern first. */
  public Optional<PublicEndpoint> publicEndpointFor(String path) {
    PathContainer container = PathContainer.parsePath(path);
    return endpoints.stream().filter(candidate -> candidate.pattern().matches(container))
        .map(MatchedEndpoint::endpoint).findFirst();
  }

  /** Machine APIs, the most specific pattern first. */
  public List<ApiEndpoint> apiEndpoints() {
    return apis.stream().map(MatchedApi::endpoint).toList();
  }

  /** The API endpoint a request path belongs to, the most specific pattern first. */
  public Optional<ApiEndpoint> apiEndpointFor(String path) {
    PathContainer container = PathContainer.parsePath(path);
    return apis.stream().filter(candidate -> candidate.pattern().matches(container))
        .map(MatchedApi::endpoint).findFirst();
  }

  /** Groups allowed to call an API, administrators included. */
  public static List<String> allowedGroups(ApiEndpoint api) {
    return Stream.concat(api.groups().stream(), Stream.of(ADMIN_GROUP)).distinct().toList();
  }

  public List<StaffGroup> staffGroups() {
    return List.copyOf(groups.values());
  }

  public List<StaffPage> staffPages() {
    return contributions.stream().flatMap(contribution -> contribution.staffPages().stream()).toList();
  }

  public List<PlatformContribution.EntryPoint> entryPoints() {
    return contributions.stream().flatMap(contribution -> contribution.entryPoints().stream())
        .sorted(Comparator.comparingInt(PlatformContribution.EntryPoint::order)).toList();
  }

  public List<String> messageBundles() {
    return contributions.stream().flatMap(contribution -> contribution.messageBundles().stream()).distinct().toList();
  }

  /** Groups allowed to open a page, administrators included. */
  public static List<String> allowedGroups(StaffPage page) {
    return Stream.concat(page.groups().stream(), Stream.of(ADMIN_GROUP)).distinct().toList();
  }
}
