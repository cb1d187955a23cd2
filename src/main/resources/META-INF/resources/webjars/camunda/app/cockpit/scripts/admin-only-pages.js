/*
 * Shuoshi 说事解题: Cockpit's 人工任务 page counts every group's open tasks across the whole
 * installation, a report only administrators get (security.ModelledPathGuard refuses it to everybody
 * else); its menu entry is shown to administrators only, instead of a page that fails for a supervisor.
 * Loaded through customScripts in config.js; it hides a menu entry and changes nothing else.
 */
const ADMINS = 'camunda-admin';
const ROOT = window.location.pathname.replace(/\/app\/cockpit\/.*$/, '');
let administrator = false;

function showOrHideTasksPage() {
  document.querySelectorAll('a[href="#/tasks"]').forEach((link) => {
    const entry = link.closest('li');
    if (entry) {
      entry.style.display = administrator ? '' : 'none';
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
  readJson('/api/admin/auth/user/default')
    .then((user) => (user && user.userId
      ? readJson(`/api/engine/engine/default/identity/groups?userId=${encodeURIComponent(user.userId)}`) : null))
    .then((groups) => {
      administrator = !!(groups && (groups.groups || []).some((group) => group.id === ADMINS));
      showOrHideTasksPage();
    });
}

new MutationObserver(showOrHideTasksPage).observe(document.body, { childList: true, subtree: true });
window.addEventListener('hashchange', decide);
decide();
showOrHideTasksPage();
