/*
 * Shuoshi 说事解题: in the Tasklist, the tab 事项经过 beside a task's form — every step of the task's item
 * from the ledger: when, who, which step, what was decided, the notes — and in the header the link
 * 我经手的事项 (the items the cadre registered, handled, verified or recorded a step of).
 *
 * Camunda 7 Tasklist plugins (plugin points tasklist.task.detail and tasklist.navbar.action). The server
 * side is cn.shuoshi.reports.tasklist.StoryTasklistPlugin; the data comes from its resource through the
 * Tasklist's own login session. Every text from the ledger is set as text, never as HTML.
 */
const element = (tag, className, content) => {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined && content !== null) {
    node.textContent = content;
  }
  return node;
};

const base = api => `${api.tasklistApi}/plugin/shuoshiStory/${api.engine}`;

// The webapps' CSRF protection wants the token on every POST: Camunda sends it with every answer to a
// GET (header X-XSRF-TOKEN) and keeps it in the XSRF-TOKEN cookie.
let csrfToken = null;

const cookieToken = () => {
  const found = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.substring('XSRF-TOKEN='.length)) : null;
};

const answer = response => {
  csrfToken = response.headers.get('X-XSRF-TOKEN') || csrfToken;
  return response.json().catch(() => ({})).then(body => (response.ok ? body : Promise.reject(body)));
};

const read = url => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(answer);

const post = (url, body, contentType) => fetch(url, {
  method: 'POST',
  credentials: 'same-origin',
  headers: Object.assign({ Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken || cookieToken() || '' },
    contentType ? { 'Content-Type': contentType } : {}),
  body
}).then(answer);

const head = story => {
  const list = element('dl', 'shuoshi-story-head');
  [['事项', `${story.number} ${story.title}`], ['村（社区）', story.village],
    ['类型', [story.type, story.subject].filter(Boolean).join(' · ')], ['状态', story.state],
    ['登记时间', story.registeredAt], ['办理期限', story.deadline], ['办理结果', story.outcome]]
    .filter(([, value]) => value)
    .forEach(([label, value]) => {
      list.appendChild(element('dt', null, label));
      list.appendChild(element('dd', null, value));
    });
  return list;
};

const steps = story => {
  const table = element('table', 'table table-condensed shuoshi-story-steps');
  const header = element('tr');
  ['时间', '经办人', '环节', '决定', '说明'].forEach(label => header.appendChild(element('th', null, label)));
  table.appendChild(element('thead')).appendChild(header);
  const body = table.appendChild(element('tbody'));
  story.lines.forEach(line => {
    const row = element('tr');
    [line.at, line.actor, line.what, line.decision, line.note]
      .forEach(value => row.appendChild(element('td', null, value || '')));
    body.appendChild(row);
  });
  if (!story.lines.length) {
    const row = element('tr');
    const cell = element('td', null, '暂无记录');
    cell.colSpan = 5;
    row.appendChild(cell);
    body.appendChild(row);
  }
  return table;
};

const ACCEPTED = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,.jpg,.jpeg,.png,application/pdf,.pdf';

/** The item's photos and documents, and — for who works on the task — the form to add some. */
const files = (story, taskUrl, refresh) => {
  const section = element('div', 'shuoshi-story-files');
  section.appendChild(element('h4', null, '照片和文件'));
  const list = section.appendChild(element('div', 'shuoshi-story-file-list'));
  if (!story.files.length) {
    list.appendChild(element('p', 'text-muted', '还没有照片或文件'));
  }
  const message = element('p', 'shuoshi-story-file-message');
  const fail = problem => {
    message.className = 'alert alert-danger shuoshi-story-file-message';
    message.textContent = (problem && problem.message) || '操作未成功，请稍后再试。';
  };
  story.files.forEach(file => {
    const figure = element('figure', 'shuoshi-story-file');
    const link = element('a', null, file.inPage ? null : file.name);
    link.href = `${taskUrl}/files/${file.id}`;
    link.target = '_blank';
    link.rel = 'noopener';
    if (file.inPage) {
      const image = element('img');
      image.src = link.href;
      image.alt = file.name;
      link.appendChild(image);
    }
    figure.appendChild(link);
    const caption = figure.appendChild(element('figcaption'));
    caption.appendChild(element('span', 'shuoshi-story-file-name', file.name));
    caption.appendChild(element('br'));
    caption.appendChild(document.createTextNode(
      `${file.step} · ${file.actor} · ${file.at} · ${file.kind} ${file.size}${file.public ? ' · 已公开到公示栏' : ''}`));
    if (file.publishable) {
      const toggle = element('button', 'btn btn-link btn-xs shuoshi-story-file-public',
        file.public ? '取消公开' : '公开到公示栏');
      toggle.type = 'button';
      toggle.addEventListener('click', () => post(`${taskUrl}/files/${file.id}/public?public=${!file.public}`)
        .then(refresh, fail));
      figure.appendChild(toggle);
    }
    list.appendChild(figure);
  });

  const form = section.appendChild(element('form', 'form-inline shuoshi-story-upload'));
  // The browser's own file button speaks the browser's language ("Choose Files"): ours says it in
  // Chinese and the input stays underneath it (clickable, and reachable for a keyboard or a test).
  const pick = element('label', 'btn btn-default btn-sm shuoshi-story-upload-pick', '选择照片或文件');
  const chooser = element('input', 'shuoshi-story-upload-file');
  chooser.type = 'file';
  chooser.multiple = true;
  chooser.accept = ACCEPTED;
  pick.appendChild(chooser);
  const chosenNames = element('span', 'shuoshi-story-upload-chosen text-muted', '未选择文件');
  chooser.addEventListener('change', () => {
    const names = Array.from(chooser.files || []).map(file => file.name);
    chosenNames.textContent = names.length ? names.join('、') : '未选择文件';
  });
  const publicLabel = element('label', 'checkbox-inline');
  const publicBox = element('input', 'shuoshi-story-upload-public');
  publicBox.type = 'checkbox';
  publicLabel.appendChild(publicBox);
  publicLabel.appendChild(document.createTextNode(' 照片公开到公示栏'));
  const send = element('button', 'btn btn-default btn-sm shuoshi-story-upload-send', '上传');
  send.type = 'submit';
  form.appendChild(element('label', 'shuoshi-story-upload-label', `添加照片或文件（JPEG、PNG、HEIC 照片或 PDF，每个不超过 ${story.fileLimit}）`));
  form.appendChild(pick);
  form.appendChild(chosenNames);
  form.appendChild(publicLabel);
  form.appendChild(send);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = Array.from(chooser.files || []);
    if (!chosen.length) {
      fail({ message: '请先选择要上传的照片或文件' });
      return;
    }
    // Said before sending: a browser that is still sending a large file often shows a broken connection
    // instead of the server's answer. The server checks again.
    const tooLarge = chosen.find(file => story.fileLimitBytes && file.size > story.fileLimitBytes);
    if (tooLarge) {
      fail({ message: `“${tooLarge.name}”超过${story.fileLimit} 的上限，请压缩后再上传` });
      return;
    }
    send.disabled = true;
    message.className = 'shuoshi-story-file-message text-muted';
    message.textContent = '正在上传……';
    // One file after another: each is stored on its own, and the first refusal stops the rest.
    chosen.reduce((done, file) => done.then(() => post(
      `${taskUrl}/files?name=${encodeURIComponent(file.name)}&public=${publicBox.checked}`, file,
      'application/octet-stream')), Promise.resolve())
      .then(refresh, problem => {
        send.disabled = false;
        fail(problem);
      });
  });
  section.appendChild(message);
  return section;
};

const storyTab = {
  id: 'shuoshi.itemStory',
  pluginPoint: 'tasklist.task.detail',
  priority: 5,
  properties: {
    label: '事项经过'
  },
  render: (node, { api, taskId }) => {
    node.classList.add('shuoshi-story');
    node.textContent = '';
    node.appendChild(element('p', 'shuoshi-story-loading', '正在读取事项经过……'));
    const taskUrl = `${base(api)}/task/${encodeURIComponent(taskId)}`;
    const show = () => read(taskUrl)
      .then(story => {
        node.textContent = '';
        node.appendChild(head(story));
        node.appendChild(steps(story));
        node.appendChild(files(story, taskUrl, show));
        const print = element('a', 'btn btn-default btn-sm shuoshi-story-print', '打开可打印的事项经过');
        print.href = `${base(api)}/task/${encodeURIComponent(taskId)}/page`;
        print.target = '_blank';
        print.rel = 'noopener';
        node.appendChild(print);
      })
      .catch(problem => {
        node.textContent = '';
        node.appendChild(element('p', 'alert alert-info shuoshi-story-none',
          (problem && problem.message) || '无法读取事项经过，请稍后刷新页面。'));
      });
    show();
  }
};

const mineLink = {
  id: 'shuoshi.myItems',
  pluginPoint: 'tasklist.navbar.action',
  priority: 50,
  render: (node, { api }) => {
    const link = element('a', 'shuoshi-my-items', '我经手的事项');
    link.href = `${base(api)}/mine/page`;
    link.target = '_blank';
    link.rel = 'noopener';
    node.appendChild(link);
  }
};

export default [storyTab, mineLink];
