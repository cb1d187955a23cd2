package cn.shuoshi.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At every start: the groups that are not part of the organisation (designers, intake accounts) and
 * the grants that do not depend on it. Members are added in Camunda Admin (系统管理 → 群组).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FixedGrants implements ApplicationRunner {

  private final IdentityService identity;
  private final Grants grants;

  public FixedGrants(IdentityService identity, Grants grants) {
    this.identity = identity;
    this.grants = grants;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    ensureGroup(Grants.DESIGNERS, "流程设计人员");
    ensureGroup(Grants.INTAKE, "事项受理账号（热线、网上平台）");
    grants.fixed();
  }

  private void ensureGroup(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("SYSTEM");
      identity.saveGroup(group);
    }
  }
}
