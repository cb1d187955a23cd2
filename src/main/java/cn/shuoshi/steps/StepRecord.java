package cn.shuoshi.steps;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What completing a user task writes into the service's own tables, named by the task's
 * {@value StepProperties#RECORD} property. Inside the engine's transaction: a failure rolls the step back.
 */
public interface StepRecord {

  /** The name a model uses in {@value StepProperties#RECORD}. */
  String name();

  void record(DelegateTask task, String actor);
}
