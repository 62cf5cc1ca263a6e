package io.escala.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one feature (a flow, or a port such as mail or the CRM) adds to the platform. Each feature declares a bean of
 * this type in its own package; {@link Contributions} collects them, so adding a flow touches nothing in
 * {@code platform/}.
 *
 * @param feature a short name for logs and error messages
 * @param publicEndpoints paths open without login (pages with CSRF, or signed machine posts)
 * @param entryPoints pages the start-up banner names, with a label; the first one of the lowest order is where
 *     {@code /} redirects
 * @param staffGroups Camunda groups this feature's tasks and pages are for
 * @param staffPages pages under {@code /staff} and who may open them
 * @param messageBundles basenames of the feature's message bundles ({@code i18n/myflow} for
 *     {@code i18n/myflow.properties}, {@code _pt_BR}, {@code _en})
 * @param apiEndpoints machine APIs under {@code /api}, HTTP Basic for the groups they name
 */
public record PlatformContribution(
    String feature,
    List<PublicEndpoint> publicEndpoints,
    List<EntryPoint> entryPoints,
    List<StaffGroup> staffGroups,
    List<StaffPage> staffPages,
    List<String> messageBundles,
    List<ApiEndpoint> apiEndpoints) {

  /** A page worth naming at start-up ("Contact form : http://.../contact"). */
  public record EntryPoint(String label, String path, int order) {}

  public PlatformContribution {
    Objects.requireNonNull(feature, "feature");
    publicEndpoints = List.copyOf(publicEndpoints);
    entryPoints = List.copyOf(entryPoints);
    staffGroups = List.copyOf(staffGroups);
    staffPages = List.copyOf(staffPages);
    messageBundles = List.copyOf(messageBundles);
    apiEndpoints = List.copyOf(apiEndpoints);
  }

  /** A contribution without API endpoints. */
  public PlatformContribution(String feature, List<PublicEndpoint> publicEndpoints, List<EntryPoint> entryPoints,
      List<StaffGroup> staffGroups, List<StaffPage> staffPages, List<String> messageBundles) {
    this(feature, publicEndpoints, entryPoints, staffGroups, staffPages, messageBundles, List.of());
  }

  public static Builder of(String feature) {
    return new Builder(feature);
  }

  public static final class Builder {
    private final String feature;
    private final List<PublicEndpoint> publicEndpoints = new ArrayList<>();
    private final List<EntryPoint> entryPoints = new ArrayList<>();
    private final List<StaffGroup> staffGroups = new ArrayList<>();
    private final List<StaffPage> staffPages = new ArrayList<>();
    private final List<String> messageBundles = new ArrayList<>();
    private final List<ApiEndpoint> apiEndpoints = new ArrayList<>();

    private Builder(String feature) {
      this.feature = feature;
    }

    public Builder publicEndpoints(PublicEndpoint... endpoints) {
      publicEndpoints.addAll(List.of(endpoints));
      return this;
    }

    public Builder entryPoint(String label, String path, int order) {
      entryPoints.add(new EntryPoint(label, path, order));
      return this;
    }

    public Builder staffGroup(String id, String name) {
      staffGroups.add(new StaffGroup(id, name));
      return this;
    }

    public Builder staffPage(String path, String titleKey, String... groups) {
      staffPages.add(new StaffPage(path, titleKey, groups));
      return this;
    }

    public Builder messageBundles(String... basenames) {
      messageBundles.addAll(List.of(basenames));
      return this;
    }

    /** A machine API for the given groups, its bodies capped at {@code maxBody}. */
    public Builder apiEndpoint(String pathPattern, org.springframework.util.unit.DataSize maxBody, String... groups) {
      apiEndpoints.add(new ApiEndpoint(pathPattern, List.of(groups), maxBody));
      return this;
    }

    /** A machine API for the given groups, its bodies capped at {@link ApiEndpoint#DEFAULT_BODY}. */
    public Builder apiEndpoint(String pathPattern, String... groups) {
      return apiEndpoint(pathPattern, ApiEndpoint.DEFAULT_BODY, groups);
    }

    public PlatformContribution build() {
      return new PlatformContribution(feature, publicEndpoints, entryPoints, staffGroups, staffPages, messageBundles,
          apiEndpoints);
    }
  }
}
