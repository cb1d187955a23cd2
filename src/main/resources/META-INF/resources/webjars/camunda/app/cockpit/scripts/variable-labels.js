/*
 * Shuoshi 说事解题: Cockpit's variables table (a process instance's 变量 tab) lists variables by their
 * names and coded values (supervisionMeasure = URGE). This script shows the words the forms give them
 * beside each: 督办方式 (supervisionMeasure), 电话催办 (URGE). The labels come from the forms as deployed
 * (GET /camunda/api/cockpit/plugin/shuoshiOverdue/default/variable-labels, cn.shuoshi.reports.cockpit).
 *
 * Display only: it adds a label in front of a name or value the table shows, as text; it never changes
 * a value, and a value being edited (an input) is left alone. Loaded through customScripts in config.js.
 */
const ROOT = window.location.pathname.replace(/\/app\/cockpit\/.*$/, '');
const MARK = 'shuoshiLabel';
let labels = null;
let asked = false;

function readLabels() {
  if (asked) {
    return;
  }
  asked = true;
  fetch(`${ROOT}/api/cockpit/plugin/shuoshiOverdue/default/variable-labels`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  })
    .then((answer) => (answer.ok ? answer.json() : null))
    .then((map) => {
      labels = map;
      // Asked again after a login if the first answer was a refusal (not logged in yet).
      asked = !!map;
      annotate();
    })
    .catch(() => {
      asked = false;
    });
}

/** The text the table shows in a cell: its clipboard element's, without our own label. */
function shown(cell) {
  const holder = cell.querySelector('[cam-widget-clipboard]');
  if (!holder || cell.querySelector('input, select, textarea')) {
    return null;
  }
  const inner = holder.querySelector('[ng-transclude]') || holder;
  return { holder, text: inner.textContent.trim() };
}

/** Puts (or updates, or removes) our label in front of the cell's shown text. */
function label(cell, className, words) {
  const found = shown(cell);
  const existing = cell.querySelector(`.${className}`);
  if (!found || !words) {
    if (existing) {
      existing.remove();
    }
    return;
  }
  if (existing && existing.dataset[MARK] === found.text) {
    return;
  }
  const tag = existing || document.createElement('span');
  tag.className = className;
  tag.dataset[MARK] = found.text;
  tag.textContent = `${words} `;
  if (!existing) {
    found.holder.parentNode.insertBefore(tag, found.holder);
  }
}

/** A key of the label map itself, never one an object inherits ("constructor"). */
function own(map, key) {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : null;
}

function annotate() {
  if (!labels || !/^#\/process-instance\//.test(window.location.hash)) {
    return;
  }
  document.querySelectorAll('td.col-name').forEach((nameCell) => {
    const row = nameCell.closest('tr');
    const name = shown(nameCell);
    const variable = name && own(labels, name.text);
    label(nameCell, 'shuoshi-variable-label', variable && variable.label);
    const valueCell = row && row.querySelector('td.col-value');
    if (valueCell) {
      const value = shown(valueCell);
      const option = variable && value ? own(variable.options, value.text) : null;
      label(valueCell, 'shuoshi-variable-option', option);
    }
  });
}

let pending = false;
new MutationObserver(() => {
  if (!/^#\/process-instance\//.test(window.location.hash)) {
    return;
  }
  if (!labels) {
    readLabels();
    return;
  }
  if (!pending) {
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      annotate();
    });
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true });
