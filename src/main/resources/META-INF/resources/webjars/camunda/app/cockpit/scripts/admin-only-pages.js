/*
 * Shuoshi 说事解题: Cockpit's 人工任务 page counts every group's open tasks across the whole
 * installation, a report only administrators get (security.ModelledPathGuard refuses it to everybody
 * else); its menu entry is shown to administrators only, instead of a page that fails for a supervisor.
 * The engine's technical identifiers of a definition or instance (定义编号 unitHandling:1:…, 部署编号,
 * 租户编号, 实例编号) are for administrators too: a supervisor finds an item by its number (业务键) and its
 * process by name: for them an instance's link reads 查看 instead of its id, and an activity named by
 * its id (UserTask_SuperviseOverdue, in the instance list's search) by the name the diagram gives it,
 * and an id as a link's tooltip by 查看详情.
 * Loaded through customScripts in config.js; it hides and relabels what is shown, and changes nothing else.
 */
const ADMINS = 'camunda-admin';
const ROOT = window.location.pathname.replace(/\/app\/cockpit\/.*$/, '');
const ENGINE = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//) || [null, 'default'])[1];
let administrator = false;

const TECHNICAL_IDS = ['definition-id', 'definition-key', 'deployment-id', 'tenant-id', 'instance-id',
  'super-process-instance-id', 'super-case-instance-id'].map((name) => `dd.${name}`).join(', ');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ELEMENT_ID = /^(UserTask|ServiceTask|BusinessRuleTask|CallActivity|SubProcess|StartEvent|EndEvent|BoundaryEvent|TimerEvent|Gateway|IntermediateCatchEvent|ReceiveTask|Activity)_[A-Za-z0-9_]+$/;

/** The name the diagram on the page gives an element, if it is drawn. */
function elementName(id) {
  const label = document.querySelector(`.djs-element[data-element-id="${CSS.escape(id)}"] text`)
    || document.querySelector(`.djs-element[data-element-id="${CSS.escape(id)}_label"] text`);
  return label ? label.textContent.trim() : null;
}

function relabelIds() {
  if (administrator) {
    return;
  }
  document.querySelectorAll('a[title]').forEach((link) => {
    if (UUID.test(link.getAttribute('title').trim())) {
      link.setAttribute('title', '查看详情');
    }
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.trim();
    if (!text || node.parentElement.closest('input, textarea, svg')) {
      continue;
    }
    if (UUID.test(text) && node.parentElement.closest('a')) {
      node.data = node.data.replace(text, '查看');
    } else if (UUID.test(text) && node.parentElement.style.display !== 'none') {
      // An id as plain text (the activity instance tree's): nothing a supervisor reads.
      node.parentElement.style.display = 'none';
    } else if (ELEMENT_ID.test(text)) {
      const name = elementName(text);
      if (name) {
        node.data = node.data.replace(text, name);
      }
    }
  }
}

function showOrHideTasksPage() {
  document.querySelectorAll('a[href="#/tasks"]').forEach((link) => {
    const entry = link.closest('li');
    if (entry) {
      entry.style.display = administrator ? '' : 'none';
    }
  });
  document.querySelectorAll(TECHNICAL_IDS).forEach((value) => {
    const display = administrator ? '' : 'none';
    const label = value.previousElementSibling;
    if (value.style.display !== display) {
      value.style.display = display;
    }
    if (label && label.tagName === 'DT' && label.style.display !== display) {
      label.style.display = display;
    }
  });
}

function readJson(path) {
  return fetch(ROOT + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((answer) => (answer.ok ? answer.json() : null))
    .catch(() => null);
}

/** Whether the logged-in user is an administrator: asked again after a login (the page is not reloaded). */
function decide() {
  readJson(`/api/admin/auth/user/${ENGINE}`)
    .then((user) => (user && user.userId
      ? readJson(`/api/engine/engine/${ENGINE}/identity/groups?userId=${encodeURIComponent(user.userId)}`) : null))
    .then((groups) => {
      administrator = !!(groups && (groups.groups || []).some((group) => group.id === ADMINS));
      // For the other scripts and the styles (variable-labels.js, user-styles.css).
      document.body.dataset.shuoshiAdministrator = String(administrator);
      showOrHideTasksPage();
      relabelIds();
    });
}

let pending = false;
new MutationObserver(() => {
  if (!pending) {
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      showOrHideTasksPage();
      relabelIds();
    });
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true });
window.addEventListener('hashchange', decide);
decide();
showOrHideTasksPage();
