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

const read = url => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then(response => response.json().catch(() => ({}))
    .then(body => (response.ok ? body : Promise.reject(body))));

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
    read(`${base(api)}/task/${encodeURIComponent(taskId)}`)
      .then(story => {
        node.textContent = '';
        node.appendChild(head(story));
        node.appendChild(steps(story));
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
