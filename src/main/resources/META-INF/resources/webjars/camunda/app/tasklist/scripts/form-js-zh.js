/*
 * Shuoshi 说事解题: Chinese for the few English texts that form-js 1.8 (the Camunda Forms renderer of
 * the 7.24 Tasklist) writes itself and no locale file reaches: the select placeholder "Select", the
 * search placeholder "Search", the validation messages ("Field is required.") and the date picker's
 * month and weekday names. Loaded through customScripts in config.js; it only rewrites text inside
 * rendered forms and changes nothing that is submitted.
 *
 * Dates as Chinese users write them: form-js takes its date format from the browser's own language
 * (an English browser: 11/29/2026, and a typed 2026-11-29 became 8/6/2027). Here every date field shows
 * and takes 2026-11-29 (also 2026/11/29, 2026.11.29, 2026年11月29日), with Chinese month and weekday
 * names and weeks from Monday; a date that cannot be read is refused with a Chinese message beside the
 * field and never passed to the picker, which would guess. The value form-js submits is unchanged
 * (ISO, 2026-11-29).
 */
const EXACT = {
  'Select': '请选择',
  'January': '一月', 'February': '二月', 'March': '三月', 'April': '四月', 'May': '五月', 'June': '六月',
  'July': '七月', 'August': '八月', 'September': '九月', 'October': '十月', 'November': '十一月',
  'December': '十二月',
  'Sun': '日', 'Mon': '一', 'Tue': '二', 'Wed': '三', 'Thu': '四', 'Fri': '五', 'Sat': '六'
};

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多填写 ${m[1]} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must match pattern .*$/, () => '格式不正确，请按说明填写。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱。'],
  [/^Field must be a valid +international phone number.*$/, () => '请填写有效的电话号码。']
];

const FORM = '.fjs-container, .flatpickr-calendar';

function translated(text) {
  const trimmed = text.trim();
  if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) {
    return text.replace(trimmed, EXACT[trimmed]);
  }
  for (const [pattern, message] of MESSAGES) {
    const match = trimmed.match(pattern);
    if (match) {
      return message(match);
    }
  }
  return null;
}

function translate(root) {
  const element = root.nodeType === Node.TEXT_NODE ? root.parentElement : root;
  if (!element || !element.closest) {
    return;
  }
  const insideForm = element.closest(FORM);
  if (insideForm && element.matches('input[placeholder="Search"]')) {
    element.setAttribute('placeholder', '输入文字查找');
  }
  if (root.nodeType === Node.TEXT_NODE) {
    if (insideForm) {
      const text = translated(root.data);
      if (text !== null && text !== root.data) {
        root.data = text;
      }
    }
    return;
  }
  const scopes = insideForm ? [element] : Array.from(element.querySelectorAll(FORM));
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = translated(node.data);
      if (text !== null && text !== node.data) {
        node.data = text;
      }
    }
    scope.querySelectorAll('input[placeholder="Search"]').forEach((input) => {
      input.setAttribute('placeholder', '输入文字查找');
    });
  }
}

const observer = new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      translate(mutation.target);
    } else if (mutation.type === 'attributes') {
      translate(mutation.target);
    } else {
      mutation.addedNodes.forEach(translate);
    }
  }
});

observer.observe(document.body, {
  childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['placeholder']
});
translate(document.body);

// --- dates -------------------------------------------------------------------------------------------

const ZH_DATES = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  time_24hr: true
};

const DATE_HINT = '年-月-日，如 2026-11-29';
const DATE_ERROR = '日期格式不正确，请按“年-月-日”填写，如 2026-11-29';
const prepared = new WeakSet();

/** 2026-11-29, 2026/11/29, 2026.11.29 or 2026年11月29日 as 2026-11-29; null if it is not a real date. */
function readDate(text) {
  const match = text.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!match) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateInputs(root) {
  const scope = root.nodeType === Node.ELEMENT_NODE ? root : document;
  return Array.from(scope.querySelectorAll('.fjs-container input.flatpickr-input'));
}

/** Gives a date field's picker the Chinese format and names, once per picker (form-js may make a new one). */
function prepareDates(root) {
  for (const input of dateInputs(root)) {
    const picker = input._flatpickr;
    if (!picker || prepared.has(picker)) {
      continue;
    }
    prepared.add(picker);
    picker.set('locale', ZH_DATES);
    picker.set('dateFormat', 'Y-m-d');
    if (picker.selectedDates.length) {
      picker.setDate(picker.selectedDates, false);
    }
    if (input.getAttribute('placeholder') !== DATE_HINT) {
      input.setAttribute('placeholder', DATE_HINT);
    }
  }
}

function dateError(input, message) {
  const group = input.closest('.fjs-input-group') || input;
  let note = group.parentElement && group.parentElement.querySelector('.shuoshi-date-error');
  if (!message) {
    if (note) {
      note.remove();
    }
    group.classList.remove('hasErrors');
    return;
  }
  if (!note) {
    note = document.createElement('div');
    note.className = 'fjs-form-field-error shuoshi-date-error';
    note.setAttribute('role', 'alert');
    group.insertAdjacentElement('afterend', note);
  }
  note.textContent = message;
  group.classList.add('hasErrors');
}

/**
 * Before the picker reads what was typed (it does on leaving the field and on Enter): a readable date
 * is written as 2026-11-29 for it. Anything else is not passed on: the picker reads an empty field
 * instead (so the form's value is emptied, never guessed, and a required date stops the form as
 * usual), and the cadre's text comes back beside the Chinese reason, to be corrected.
 */
function checkTypedDate(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.classList.contains('flatpickr-input')
      || !input.closest('.fjs-container') || !input._flatpickr) {
    return;
  }
  if (event.type === 'keydown' && event.key !== 'Enter') {
    return;
  }
  if (input.dataset.shuoshiRefusing) {
    return;
  }
  const typed = input.value;
  if (!typed.trim()) {
    dateError(input, null);
    return;
  }
  const date = readDate(typed);
  if (date) {
    input.value = date;
    dateError(input, null);
    return;
  }
  input.value = '';
  input.dataset.shuoshiRefusing = 'true';
  dateError(input, DATE_ERROR);
  // Even an optional date: nothing is submitted while a refused text stands in the field.
  setTimeout(() => completeButtonScope((scope) => {
    scope.$invalid = true;
  }), 0);
  setTimeout(() => {
    delete input.dataset.shuoshiRefusing;
    if (!input.value) {
      input.value = typed;
    }
  }, 0);
}

document.addEventListener('change', (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.classList.contains('flatpickr-input') && readDate(input.value)) {
    dateError(input, null);
    setTimeout(reviveCompleteButton, 0);
  }
}, true);
document.addEventListener('blur', checkTypedDate, true);
document.addEventListener('keydown', checkTypedDate, true);

new MutationObserver(() => prepareDates(document)).observe(document.body, {
  childList: true, subtree: true, attributes: true, attributeFilter: ['class']
});
prepareDates(document);

// --- no dead 提交 button --------------------------------------------------------------------------

/**
 * form-js keeps a field's error after a later answer hides the field (办理结果 承诺办理 → 已解决: the
 * commitment fields' "required"), and the Tasklist disables 提交 while form-js reports any error, so
 * the cadre was stuck until reloading the page. When no error is shown on any visible field, 提交 is
 * enabled again: pressing it has form-js check the visible fields afresh, as on every submission, and
 * the server checks again. (A visible error keeps it disabled, as before, and so does a refused date.)
 */
function reviveCompleteButton() {
  const form = document.querySelector('.fjs-container');
  if (!form) {
    return;
  }
  if (form.querySelector('.shuoshi-date-error')) {
    completeButtonScope((scope) => {
      scope.$invalid = true;
    });
  } else if (!form.querySelector('.fjs-form-field-error')) {
    completeButtonScope((scope) => {
      scope.$invalid = false;
    });
  }
}

/** The Tasklist's scope that holds whether 提交 is disabled ($invalid), changed by {@code change}. */
function completeButtonScope(change) {
  const button = document.querySelector('button[ng-click="complete()"]');
  if (!button || !window.angular) {
    return;
  }
  let scope = window.angular.element(button).scope();
  while (scope && !Object.prototype.hasOwnProperty.call(scope, '$invalid')) {
    scope = scope.$parent;
  }
  if (scope) {
    change(scope);
    scope.$applyAsync();
  }
}

['change', 'input', 'click'].forEach((type) => document.addEventListener(type, (event) => {
  if (event.target instanceof Element && event.target.closest('.fjs-container')) {
    setTimeout(reviveCompleteButton, 0);
  }
}, true));
