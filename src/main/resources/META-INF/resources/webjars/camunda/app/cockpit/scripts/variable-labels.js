/*
 * Shuoshi 说事解题: Cockpit's variables table (a process instance's 变量 tab) lists variables by their
 * names and coded values (supervisionMeasure = URGE). This script shows the words the forms give them
 * beside each: 督办方式 (supervisionMeasure), 电话催办 (URGE). The labels come from the forms as deployed
 * (GET /camunda/api/cockpit/plugin/shuoshiOverdue/default/variable-labels, cn.shuoshi.reports.cockpit).
 *
 * An administrator sees the labels beside the names and values the engine keeps. Anybody else (a
 * supervisor) sees the forms' words only: a variable no form shows (the process's own bookkeeping) is
 * left out, the type column and the edit buttons too, yes/no reads 是/否, a unit's code or a cadre's account their name
 * (…/names) — the item's whole story in words is 事项经过.
 * Types are named in Chinese for everybody (文本, 日期 …).
 *
 * Display only: it adds a label in front of a name or value the table shows, as text; it never changes
 * a value, and a value being edited (an input) is left alone. Loaded through customScripts in config.js;
 * whether the user is an administrator is decided by scripts/admin-only-pages.js (body data attribute).
 */
const ROOT = window.location.pathname.replace(/\/app\/cockpit\/.*$/, '');
const ENGINE = (window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//) || [null, 'default'])[1];
const TYPES = { String: '文本', Boolean: '是/否', Integer: '整数', Long: '整数', Short: '整数', Double: '小数',
  Date: '日期', Null: '空', Json: 'JSON 数据', Xml: 'XML 数据', Object: '对象', Bytes: '二进制', File: '文件' };
const YES_NO = { true: '是', false: '否' };
/** A unit's code (LS02) or a cadre's account (ls02_ganbu1): shown by name to a supervisor. */
const CODE = /^(?:[A-Za-z]{2,}\d+[A-Za-z0-9]*|[a-z0-9]+(?:_[a-z0-9]+)+)$/;
const names = {};
const asking = new Set();

function askNames(codes) {
  const wanted = codes.filter((code) => !(code in names) && !asking.has(code)).slice(0, 50);
  if (!wanted.length) {
    return;
  }
  wanted.forEach((code) => asking.add(code));
  const query = wanted.map((code) => `of=${encodeURIComponent(code)}`).join('&');
  fetch(`${ROOT}/api/cockpit/plugin/shuoshiOverdue/${encodeURIComponent(ENGINE)}/names?${query}`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((answer) => (answer.ok ? answer.json() : {}))
    .then((found) => {
      wanted.forEach((code) => {
        names[code] = Object.prototype.hasOwnProperty.call(found, code) ? found[code] : null;
        asking.delete(code);
      });
      annotate();
    })
    .catch(() => wanted.forEach((code) => asking.delete(code)));
}
const MARK = 'shuoshiLabel';
let labels = null;
let asked = false;

function readLabels() {
  if (asked) {
    return;
  }
  asked = true;
  fetch(`${ROOT}/api/cockpit/plugin/shuoshiOverdue/${encodeURIComponent(ENGINE)}/variable-labels`, {
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
  // Until admin-only-pages.js has decided, the table is shown as to an administrator.
  const plain = document.body.dataset.shuoshiAdministrator === 'false';
  const codes = [];
  document.querySelectorAll('td.col-name').forEach((nameCell) => {
    const row = nameCell.closest('tr');
    const name = shown(nameCell);
    const variable = name && own(labels, name.text);
    label(nameCell, 'shuoshi-variable-label', variable && variable.label);
    const valueCell = row && row.querySelector('td.col-value');
    const value = valueCell ? shown(valueCell) : null;
    const option = value ? (variable && own(variable.options, value.text)) || own(YES_NO, value.text)
      || (plain && CODE.test(value.text) ? names[value.text] || null : null) : null;
    if (plain && variable && value && !option && CODE.test(value.text)) {
      codes.push(value.text);
    }
    if (valueCell) {
      label(valueCell, 'shuoshi-variable-option', option);
    }
    if (row) {
      const hidden = plain && !variable;
      if ((row.style.display === 'none') !== hidden) {
        row.style.display = hidden ? 'none' : '';
      }
      row.classList.toggle('shuoshi-plain', plain);
    }
  });
  askNames(codes);
  if (plain) {
    hideColumns();
  }
  document.querySelectorAll('td.col-type').forEach((typeCell) => {
    const walker = document.createTreeWalker(typeCell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const type = node.data.trim();
      if (own(TYPES, type) && !node.parentElement.closest('select, option, input')) {
        node.data = node.data.replace(type, TYPES[type]);
      }
    }
  });
}

/**
 * For a supervisor, the type column and the edit and delete buttons go (changing a variable is no
 * modelled path: refused to them anyway), heading included: the heading row's cells carry no column
 * class, so they are found by position.
 */
function hideColumns() {
  document.querySelectorAll('td.col-type').forEach((typeCell) => {
    const row = typeCell.closest('tr');
    const table = typeCell.closest('table');
    if (!row || !table) {
      return;
    }
    const cells = Array.from(row.children);
    const hide = cells.map((cell, index) => (cell.classList.contains('col-type')
      || cell.querySelector('button, .btn') ? index : -1)).filter((index) => index >= 0);
    table.querySelectorAll('tr').forEach((line) => {
      hide.forEach((index) => {
        const cell = line.children[index];
        if (cell && cell.style.display !== 'none') {
          cell.style.display = 'none';
        }
      });
    });
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
