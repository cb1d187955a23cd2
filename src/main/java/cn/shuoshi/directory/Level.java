package cn.shuoshi.directory;

/** Levels of the organisation tree: county → town → village, and the county's departments. */
public enum Level {
  COUNTY,
  TOWN,
  VILLAGE,
  DEPARTMENT
}
