/*
 * Shuoshi 说事解题: the button under a task's form says what pressing it does — 签收 or 退单, 核实通过 or
 * 退回重办, 申请延期 — instead of the one word 提交 for every step. The words are the model's: each user
 * task declares them (extension properties submitLabel and submitLabel.<decision>), and the Tasklist
 * plugin shuoshiStory answers them for the open task (…/task/{id}/submit-words) in the words of the
 * form's options. While the form's decision field holds a choice, the button takes that choice's word.
 * Only the button's text changes; what is submitted does not.
 */
const BUTTON = 'button[ng-click="complete()"]';
let shown = { taskId: null, words: null };

function openTask() {
  const match = window.location.hash.match(/[?&]task=([^&]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** …/camunda/app/tasklist/{engine}/ → …/camunda/api/tasklist/plugin/shuoshiStory/{engine} */
function pluginBase() {
  const match = window.location.pathname.match(/^(.*)\/app\/tasklist\/([^/]+)\//);
  return match ? `${match[1]}/api/tasklist/plugin/shuoshiStory/${match[2]}` : null;
}

function load(taskId) {
  shown = { taskId, words: null };
  const base = pluginBase();
  if (!taskId || !base) {
    return;
  }
  fetch(`${base}/task/${encodeURIComponent(taskId)}/submit-words`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((words) => {
      if (shown.taskId === taskId) {
        shown.words = words;
        apply();
      }
    })
    .catch(() => {});
}

/** The label of each chosen option in the form: checked radios and the shown value of selects. */
function chosenLabels(form) {
  const labels = [];
  form.querySelectorAll('input[type="radio"]:checked').forEach((input) => {
    const label = input.closest('label') || form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (label) {
      labels.push(label.textContent.trim());
    }
  });
  form.querySelectorAll('.fjs-select-display').forEach((display) => labels.push(display.textContent.trim()));
  return labels;
}

function apply() {
  const button = document.querySelector(BUTTON);
  const words = shown.words;
  if (!button || !words) {
    return;
  }
  const form = document.querySelector('.fjs-container');
  const chosen = form ? chosenLabels(form).find((label) => words.byChoice && words.byChoice[label]) : null;
  const word = chosen ? words.byChoice[chosen] : words.submit;
  if (word && button.textContent.trim() !== word) {
    button.textContent = word;
  }
}

let pending = false;
function update() {
  if (pending) {
    return;
  }
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    const taskId = openTask();
    if (taskId !== shown.taskId) {
      load(taskId);
    } else {
      apply();
    }
  });
}

new MutationObserver(update).observe(document.body, { childList: true, subtree: true, characterData: true });
window.addEventListener('hashchange', update);
['change', 'click'].forEach((type) => document.addEventListener(type, update, true));
update();
