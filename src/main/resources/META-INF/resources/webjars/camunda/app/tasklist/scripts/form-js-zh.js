/*
 * Shuoshi 说事解题: Chinese for the few English texts that form-js 1.8 (the Camunda Forms renderer of
 * the 7.24 Tasklist) writes itself and no locale file reaches: the select placeholder "Select", the
 * search placeholder "Search", the validation messages ("Field is required.") and the date picker's
 * month and weekday names. Loaded through customScripts in config.js; it only rewrites text inside
 * rendered forms and changes nothing that is submitted.
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
