package cn.shuoshi.reports.tasklist;

import cn.shuoshi.attachments.Attachments;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.reports.ItemStory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Attaching at a step: a cadre attaches photos and documents to an item through one of its tasks that they
 * hold or may claim — the engine answers that for the logged-in user (their groups, the verification
 * hidden from its handler) — and the file is filed under the task's step. A supervisor who may only
 * read the task attaches nothing.
 */
@Component
class TaskAttachments {

  private final TaskService tasks;
  private final IdentityService identity;
  private final ItemStory stories;
  private final LedgerRepository ledger;
  private final Attachments attachments;

  TaskAttachments(TaskService tasks, IdentityService identity, ItemStory stories, LedgerRepository ledger,
      Attachments attachments) {
    this.tasks = tasks;
    this.identity = identity;
    this.stories = stories;
    this.ledger = ledger;
    this.attachments = attachments;
  }

  /**
   * The file stored, or empty when the caller may not work on the task (answered 403). The body is read
   * only for who works on the task, and only up to one byte past the limit ({@code length}: the size the
   * request announced, -1 if it did not): anybody else's body, or one announced too large, is not read.
   */
  Optional<Attachments.Attachment> attach(String taskId, String fileName, InputStream body, long length,
      boolean isPublic) throws IOException {
    Optional<Step> worked = workedOn(taskId);
    if (worked.isEmpty()) {
      return Optional.empty();
    }
    attachments.refuseIfTooLarge(fileName, length);
    byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, attachments.maxFileBytes()) + 1);
    Step step = worked.get();
    return Optional.of(attachments.attach(step.item(), step.elementId(), fileName, content, isPublic, user()));
  }

  /** Puts a photo of the task's item on the public board or takes it off; false: not the caller's task. */
  boolean publish(String taskId, long fileId, boolean isPublic) {
    Optional<Step> step = workedOn(taskId);
    step.ifPresent(s -> attachments.publish(s.item(), fileId, isPublic, user()));
    return step.isPresent();
  }

  private record Step(LedgerEntry item, String elementId) {}

  private Optional<Step> workedOn(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).or().taskAssignee(user()).taskCandidateUser(user()).endOr()
        .singleResult();
    if (task == null) {
      return Optional.empty();
    }
    return stories.itemOfTask(taskId).flatMap(ledger::findByNumber)
        .map(item -> new Step(item, task.getTaskDefinitionKey()));
  }

  private String user() {
    return identity.getCurrentAuthentication().getUserId();
  }
}
