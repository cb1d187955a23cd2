/*
 * Shuoshi 说事解题: the few English texts of the Tasklist, Cockpit and Admin that no locale file reaches,
 * because the webapps write them into their templates: the diagram's zoom buttons ("zoom in", "zoom
 * out", "reset zoom", as tooltips), an empty value shown as the word "null" (e.g. 租户编号: null), and
 * the footer's time zone (Asia/Shanghai → 北京时间) and product line (Camunda Platform), and a table's
 * Actions heading. Loaded through
 * customScripts in each app's config.js; it only rewrites what is shown.
 */
const TITLES = { 'zoom in': '放大', 'zoom out': '缩小', 'reset zoom': '重置缩放' };
const TEXTS = { 'Asia/Shanghai': '北京时间', 'Asia/Chongqing': '北京时间', 'Asia/Harbin': '北京时间',
  'Asia/Urumqi': '乌鲁木齐时间', 'Camunda Platform': 'Camunda 流程平台' };
/** Column headings the webapps' tables write themselves (Cockpit's variables table). */
const HEADINGS = { Actions: '操作' };

function rewriteText(node) {
  const text = node.data.trim();
  if (text === 'null' && !node.parentElement.closest('input, textarea, code, pre')) {
    node.data = node.data.replace('null', '（无）');
  } else if (Object.prototype.hasOwnProperty.call(TEXTS, text) && node.parentElement.closest('footer, #footer-timezone')) {
    node.data = node.data.replace(text, TEXTS[text]);
  } else if (Object.prototype.hasOwnProperty.call(HEADINGS, text) && node.parentElement.closest('th, thead td, td.actions, tr:first-child > td')) {
    node.data = node.data.replace(text, HEADINGS[text]);
  }
}

function rewrite(root) {
  if (!(root instanceof Element)) {
    if (root && root.nodeType === Node.TEXT_NODE && root.parentElement) {
      rewriteText(root);
    }
    return;
  }
  const titled = root.matches('[title]') ? [root, ...root.querySelectorAll('[title]')] : root.querySelectorAll('[title]');
  titled.forEach((element) => {
    const chinese = TITLES[element.getAttribute('title')];
    if (chinese) {
      element.setAttribute('title', chinese);
    }
  });
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    rewriteText(node);
  }
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'childList') {
      mutation.addedNodes.forEach(rewrite);
    } else {
      rewrite(mutation.target);
    }
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
  attributeFilter: ['title'] });
rewrite(document.body);
