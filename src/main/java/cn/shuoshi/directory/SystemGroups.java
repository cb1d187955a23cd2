package cn.shuoshi.directory;

/** The Camunda groups outside the organisation tree, made at start (security.FixedGrants). */
public final class SystemGroups {

  /** Administrators: everything, and the only ones in 系统管理 (Admin). */
  public static final String ADMINS = "camunda-admin";
  /** Process designers: deploy models and forms, read definitions, Cockpit. */
  public static final String DESIGNERS = "shuoshi_designer";
  /** Designated intake accounts (hotline, online platform): register items for any village. */
  public static final String INTAKE = "shuoshi_intake";

  private SystemGroups() {}
}
