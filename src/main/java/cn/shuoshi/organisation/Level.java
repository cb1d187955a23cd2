package cn.shuoshi.organisation;

/** Levels of the organisation tree: county → town → village, and the county's departments. */
public enum Level {
  COUNTY,
  TOWN,
  VILLAGE,
  DEPARTMENT
}
