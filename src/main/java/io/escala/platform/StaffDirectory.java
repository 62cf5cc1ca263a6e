package io.escala.platform;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seeds the staff groups with what they need and nothing more: Tasklist access, a Tasklist filter showing the
 * group's own tasks, and the right to read and work the tasks of Escala's processes. With
 * {@code escala.security.seed-demo-staff} one demo user per group is created with a random password, reported once
 * by {@link StartupBanner}. Existing users and authorizations are left as they are.
 */
@Component
public class StaffDirectory extends AbstractProcessEnginePlugin {

  private final Contributions contributions;
  private final boolean seedDemoStaff;
  private final Map<String, String> createdPasswords = new LinkedHashMap<>();

  public StaffDirectory(Contributions contributions,
      @Value("${escala.security.seed-demo-staff:true}") boolean seedDemoStaff) {
    this.contributions = contributions;
    this.seedDemoStaff = seedDemoStaff;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (StaffGroup staffGroup : contributions.staffGroups()) {
      String groupId = staffGroup.id();
      String name = staffGroup.name();
      if (identity.createGroupQuery().groupId(groupId).count() == 0) {
        Group group = identity.newGroup(groupId);
        group.setName(name);
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
      }
      grant(authorizations, groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasks themselves are readable through the candidate-group authorization the engine creates per task,
      // so a group sees its own tasks only.
      grant(authorizations, groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
      grant(authorizations, groupId, Resources.DEPLOYMENT, ANY, Permissions.READ);
      grant(authorizations, groupId, Resources.USER, ANY, Permissions.READ);
      grant(authorizations, groupId, Resources.GROUP, groupId, Permissions.READ);
      grant(authorizations, groupId, Resources.FILTER, groupFilter(engine, groupId, name),
          Permissions.READ);
      if (seedDemoStaff) {
        seedUser(identity, staffGroup);
      }
    }
  }

  /** Passwords of users created during this start, to be shown once. */
  public Map<String, String> createdPasswords() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(createdPasswords));
  }

  public static String demoUserId(String groupId) {
    return "demo-" + groupId;
  }

  private void seedUser(IdentityService identity, StaffGroup group) {
    String groupId = group.id();
    String userId = demoUserId(groupId);
    if (identity.createUserQuery().userId(userId).count() > 0) {
      return;
    }
    User user = identity.newUser(userId);
    user.setFirstName("Demo");
    user.setLastName(group.name());
    user.setEmail(userId + "@escala.local");
    String password = RandomPasswords.generate();
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(userId, groupId);
    createdPasswords.put(userId, password);
  }

  private static String groupFilter(ProcessEngine engine, String groupId, String name) {
    FilterService filters = engine.getFilterService();
    String filterName = name;
    List<Filter> existing = filters.createFilterQuery().filterName(filterName).list();
    if (!existing.isEmpty()) {
      return existing.get(0).getId();
    }
    Filter filter = filters.newTaskFilter(filterName);
    filter.setOwner(null);
    // Unassigned and assigned tasks of the group, oldest due date first.
    filter.setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks()
        .orderByDueDate().asc());
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", "Tasks of the " + name + " group");
    properties.put("priority", 10);
    properties.put("refresh", true);
    filter.setProperties(properties);
    return filters.saveFilter(filter).getId();
  }

  private static void grant(AuthorizationService service, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    if (resourceId == null) {
      return;
    }
    long present = service.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
        .resourceId(resourceId).count();
    if (present > 0) {
      return;
    }
    Authorization authorization = service.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    service.saveAuthorization(authorization);
  }
}
