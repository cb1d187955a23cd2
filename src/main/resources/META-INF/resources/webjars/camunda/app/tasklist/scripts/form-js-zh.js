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
 *
 * The form's own rules beyond what form-js 1.8 checks, declared as custom properties of a field in
 * the .form file (Modeler: 自定义属性 / Custom properties), so that the server's refusal is the
 * exception: "requiredWhen" (the field is required when another field has a value, e.g.
 * verificationResult = "REJECTED"; form-js evaluates FEEL in minLength, but never checks an empty
 * value against it, and "required" takes no FEEL) and "notAfterToday" on a date field. When the server
 * refuses a submission all the same (a rule only it can check), its Chinese reason for each field is
 * shown under that field.
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
  // A required-when rule written as a FEEL minLength (0 or 1) says "required" to the cadre.
  [/^Field must have minimum length of 1\.$/, () => '此项为必填项。'],
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
    if (notAfterToday(input)) {
      // The calendar offers no later day; a typed one is refused in checkTypedDate.
      picker.set('maxDate', today());
    }
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
  const late = date && notAfterToday(input) && date > today();
  if (date && !late) {
    input.value = date;
    dateError(input, null);
    return;
  }
  input.value = '';
  input.dataset.shuoshiRefusing = 'true';
  dateError(input, late ? `不能晚于今天（${today()}）` : DATE_ERROR);
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
  if (input instanceof HTMLInputElement && input.classList.contains('flatpickr-input') && readDate(input.value)
      && !(notAfterToday(input) && readDate(input.value) > today())) {
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
 * the server checks again. (A visible error keeps it disabled, as before, and so does a refused date
 * or a required-when field left empty; the server's reasons do not.)
 */
function reviveCompleteButton() {
  const form = document.querySelector('.fjs-container');
  if (!form) {
    return;
  }
  // A server's reason stays beside its field until the field is changed, but never disables 提交:
  // the cadre may correct something else, or submit again.
  if (form.querySelector('.shuoshi-date-error, .shuoshi-required-error')) {
    completeButtonScope((scope) => {
      scope.$invalid = true;
    });
  } else if (!form.querySelector('.fjs-form-field-error:not(.shuoshi-server-error)')) {
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

// --- the form's schema, as the Tasklist loaded it ---------------------------------------------------

/*
 * form-js renders no custom property and no key into the page, only each component's id, inside the
 * DOM ids it writes (fjs-form-<form>-<component id>[-…]). The schema comes from the Tasklist's own
 * request for the form (deployed-form, deployed-start-form), observed here.
 */
const schemas = [];
const FORM_REQUEST = /\/(deployed-form|deployed-start-form)(\?|$)/;
const SUBMIT_REQUEST = /\/(task|process-definition)\/[^/]+\/submit-form(\?|$)/;

function remember(schema) {
  if (schema && Array.isArray(schema.components)) {
    schemas.unshift(schema);
    schemas.length = Math.min(schemas.length, 10);
  }
}

function components(schema) {
  const all = [];
  const walk = (list) => (list || []).forEach((c) => {
    all.push(c);
    walk(c.components);
  });
  walk(schema.components);
  return all;
}

function componentById(id) {
  for (const schema of schemas) {
    const found = components(schema).find((c) => c.id === id);
    if (found) {
      return found;
    }
  }
  return null;
}

/** The component id in a DOM id form-js wrote (fjs-form-<form id>-<component id>[-suffix]). */
function componentIdOf(element) {
  const match = (element && element.id || '').match(/^fjs-form-[^-]+-([^-]+)/);
  return match ? match[1] : null;
}

/** The rendered field (.fjs-form-field) of a component, if it is shown. */
function fieldElement(componentId) {
  if (!componentId) {
    return null;
  }
  for (const form of Array.from(document.querySelectorAll('.fjs-container')).reverse()) {
    for (const element of form.querySelectorAll('[id^="fjs-form-"]')) {
      if (componentIdOf(element) === componentId) {
        return element.closest('.fjs-form-field');
      }
    }
  }
  return null;
}

function fieldByLabel(label) {
  if (!label) {
    return null;
  }
  for (const element of document.querySelectorAll('.fjs-container .fjs-form-field-label')) {
    if (element.textContent.replace(/\*\s*$/, '').trim() === label) {
      return element.closest('.fjs-form-field');
    }
  }
  return null;
}

/** The shown field of a key, with its component: the latest loaded form that shows it. */
function fieldOfKey(key) {
  for (const schema of schemas) {
    for (const component of components(schema)) {
      if (component.key === key) {
        const element = fieldElement(component.id);
        if (element) {
          return { component, element };
        }
      }
    }
  }
  return null;
}

function property(component, name) {
  return component && component.properties ? component.properties[name] : undefined;
}

function notAfterToday(input) {
  return property(componentById(componentIdOf(input)), 'notAfterToday') === 'true';
}

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** What a shown field holds now, as form-js would submit it (a choice as its value, not its label). */
function currentValue(key) {
  const field = fieldOfKey(key);
  if (!field) {
    return null;
  }
  const { component, element } = field;
  const options = component.values || [];
  if (component.type === 'radio') {
    const checked = element.querySelector('input[type=radio]:checked');
    const index = checked ? Number((checked.id.match(/-(\d+)$/) || [])[1]) : NaN;
    return Number.isInteger(index) && options[index] ? options[index].value : null;
  }
  if (component.type === 'checkbox') {
    const box = element.querySelector('input[type=checkbox]');
    return box ? box.checked : null;
  }
  if (component.type === 'select') {
    const shown = element.querySelector('.fjs-select-display');
    const option = shown && options.find((o) => o.label === shown.textContent.trim());
    return option ? option.value : null;
  }
  const input = element.querySelector('textarea, input');
  return input ? input.value : null;
}

// --- required when another field has a value ----------------------------------------------------------

const REQUIRED = '此项为必填项。';

/**
 * "requiredWhen": the FEEL comparisons `key = "VALUE"` (or = true / false), joined by `or`; anything
 * else is left to the server, which states every such rule too (steps/MatterSubmissionRules).
 */
function condition(text) {
  const parts = String(text).split(/\s+or\s+/);
  const tests = [];
  for (const part of parts) {
    const match = part.trim().match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:"([^"]*)"|(true|false))$/);
    if (!match) {
      console.warn('requiredWhen not understood, left to the server:', text);
      return null;
    }
    const expected = match[2] !== undefined ? match[2] : match[3] === 'true';
    tests.push(() => currentValue(match[1]) === expected);
  }
  return () => tests.some((test) => test());
}

/** The shown fields whose requiredWhen holds and that are empty. */
function missingRequired() {
  const missing = [];
  const seen = new Set();
  for (const schema of schemas) {
    for (const component of components(schema)) {
      const rule = property(component, 'requiredWhen');
      const element = rule && fieldElement(component.id);
      if (!element || seen.has(element)) {
        continue;
      }
      seen.add(element);
      const holds = condition(rule);
      const value = currentValue(component.key);
      if (holds && holds() && (value === null || value === false || String(value).trim() === '')) {
        missing.push(element);
      }
    }
  }
  return missing;
}

/** A reason under a field, styled as form-js's own (kind: required, server). */
function showError(element, kind, message) {
  let note = element.querySelector(`:scope > .shuoshi-${kind}-error`);
  if (!note) {
    note = document.createElement('div');
    note.className = `fjs-form-field-error shuoshi-${kind}-error`;
    note.setAttribute('aria-live', 'polite');
    note.appendChild(document.createElement('ul')).appendChild(document.createElement('li'));
    element.appendChild(note);
  }
  note.querySelector('li').textContent = message;
  element.classList.add('fjs-has-errors');
}

function clearErrors(kind, within) {
  (within || document).querySelectorAll(`.shuoshi-${kind}-error`).forEach((note) => {
    const element = note.parentElement;
    note.remove();
    if (element && !element.querySelector('.fjs-form-field-error')) {
      element.classList.remove('fjs-has-errors');
    }
  });
}

let requiredChecked = false;

/** Shows "required" under every empty required-when field; true when there is one. */
function checkRequired() {
  const missing = missingRequired();
  document.querySelectorAll('.shuoshi-required-error').forEach((note) => {
    if (!missing.includes(note.parentElement)) {
      clearErrors('required', note.parentElement);
    }
  });
  missing.forEach((element) => showError(element, 'required', REQUIRED));
  return missing.length > 0;
}

// 提交: before the Tasklist submits, the required-when rules; a missing field stops the submission,
// says so under the field and keeps 提交 disabled until it is filled (reviveCompleteButton).
window.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('button[ng-click="complete()"]');
  if (!button || !document.querySelector('.fjs-container')) {
    return;
  }
  requiredChecked = true;
  if (checkRequired()) {
    event.preventDefault();
    event.stopImmediatePropagation();
    setTimeout(reviveCompleteButton, 0);
  }
}, true);

// Once 提交 was pressed, every answer updates the required-when reasons (the field filled, or the
// choice that asked for it changed) before 提交 is enabled again.
['change', 'input', 'click'].forEach((type) => document.addEventListener(type, (event) => {
  if (requiredChecked && event.target instanceof Element && event.target.closest('.fjs-container')) {
    setTimeout(() => {
      checkRequired();
      reviveCompleteButton();
    }, 0);
  }
}, true));

// --- the server's reasons, under their fields ---------------------------------------------------------

/**
 * A refused submission (400, type InvalidSubmission) names each field: key, label, form component id
 * and the Chinese reason. Each reason goes under its field; the Tasklist's notification stays. A
 * field's reason goes when that field is changed, and all go with the next submission.
 */
function showServerErrors(body) {
  clearErrors('server');
  const fields = Array.isArray(body.fields) ? body.fields
    : Object.entries(body.fieldErrors || {}).map(([key, message]) => ({ key, message }));
  for (const field of fields) {
    const element = fieldElement(field.formFieldId)
      || (fieldOfKey(field.key) || {}).element
      || fieldByLabel(field.label);
    if (element && field.message) {
      showError(element, 'server', field.message);
    }
  }
  reviveCompleteButton();
}

['change', 'input'].forEach((type) => document.addEventListener(type, (event) => {
  const element = event.target instanceof Element && event.target.closest('.fjs-form-field');
  if (element && element.querySelector(':scope > .shuoshi-server-error')) {
    clearErrors('server', element);
  }
}, true));

function observed(url, status, body) {
  if (FORM_REQUEST.test(url) && status === 200) {
    remember(body);
  } else if (SUBMIT_REQUEST.test(url) && status === 400 && body && body.type === 'InvalidSubmission') {
    setTimeout(() => showServerErrors(body), 0);
  }
}

function parsed(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : text;
  } catch (e) {
    return null;
  }
}

const originalOpen = XMLHttpRequest.prototype.open;
const originalSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function open(method, url, ...rest) {
  this.shuoshiUrl = String(url);
  return originalOpen.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function send(...args) {
  const url = this.shuoshiUrl || '';
  if (SUBMIT_REQUEST.test(url)) {
    clearErrors('server');
  }
  if (FORM_REQUEST.test(url) || SUBMIT_REQUEST.test(url)) {
    this.addEventListener('load', () => {
      const body = this.responseType === '' || this.responseType === 'text' ? this.responseText : this.response;
      observed(url, this.status, parsed(body));
    });
  }
  return originalSend.apply(this, args);
};

if (window.fetch) {
  const originalFetch = window.fetch;
  window.fetch = function fetch(resource, init) {
    const url = String(resource && resource.url ? resource.url : resource);
    const answer = originalFetch.call(this, resource, init);
    if (FORM_REQUEST.test(url) || SUBMIT_REQUEST.test(url)) {
      if (SUBMIT_REQUEST.test(url)) {
        clearErrors('server');
      }
      answer.then((response) => response.clone().text().then((text) => observed(url, response.status, parsed(text))))
        .catch(() => {});
    }
    return answer;
  };
}
