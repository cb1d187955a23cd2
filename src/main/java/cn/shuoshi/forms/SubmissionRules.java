package cn.shuoshi.forms;

/** Checks across fields that a form definition cannot express (required only for some answers, …). */
public interface SubmissionRules {

  void check(Submission submission);
}
