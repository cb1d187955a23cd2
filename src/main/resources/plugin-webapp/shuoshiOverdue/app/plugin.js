/*
 * Shuoshi 说事解题: on Cockpit's start page, the section 已超期事项 — every item of the supervisor's area
 * that is past its handling deadline and not yet handled, supervised (超期督办) or not, the longest
 * overdue first, each with its days overdue and a link to the item's process instance and to its story.
 *
 * A Camunda 7 Cockpit plugin (plugin point cockpit.dashboard). The server side is
 * cn.shuoshi.reports.cockpit.OverdueCockpitPlugin; the list comes from its resource through Cockpit's
 * own login session. Every text from the ledger is set as text, never as HTML.
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

const link = (className, text, href, newTab) => {
  const anchor = element('a', className, text);
  anchor.href = href;
  if (newTab) {
    anchor.target = '_blank';
    anchor.rel = 'noopener';
  }
  return anchor;
};

const COLUMNS = ['事项编号', '标题', '村（社区）', '承办单位/级别', '办理期限', '超期天数', '是否已督办', ''];

const table = (listing, api) => {
  const story = `${api.cockpitApi.replace(/\/cockpit$/, '/tasklist')}/plugin/shuoshiStory/${api.engine}/item/`;
  const grid = element('table', 'table table-condensed cam-table shuoshi-overdue-table');
  const header = element('tr');
  COLUMNS.forEach(label => header.appendChild(element('th', null, label)));
  grid.appendChild(element('thead')).appendChild(header);
  const body = grid.appendChild(element('tbody'));
  listing.items.forEach(item => {
    const row = element('tr', 'shuoshi-overdue-item');
    row.dataset.number = item.number;
    const number = element('td', 'shuoshi-overdue-number');
    number.appendChild(item.processInstanceId
      ? link('shuoshi-overdue-instance', item.number, `#/process-instance/${encodeURIComponent(item.processInstanceId)}`)
      : element('span', null, item.number));
    row.appendChild(number);
    row.appendChild(element('td', 'shuoshi-overdue-title', item.title));
    row.appendChild(element('td', 'shuoshi-overdue-village', item.village));
    row.appendChild(element('td', 'shuoshi-overdue-unit',
      [item.unit, item.level ? `（${item.level}）` : ''].join('')));
    row.appendChild(element('td', 'shuoshi-overdue-deadline', item.deadline));
    row.appendChild(element('td', 'shuoshi-overdue-days', item.overdue));
    row.appendChild(element('td', 'shuoshi-overdue-supervised', item.supervised));
    const actions = element('td', 'shuoshi-overdue-actions');
    actions.appendChild(link('shuoshi-overdue-story', '事项经过', `${story}${encodeURIComponent(item.number)}/page`, true));
    row.appendChild(actions);
    body.appendChild(row);
  });
  return grid;
};

export default {
  id: 'shuoshi.overdueItems',
  pluginPoint: 'cockpit.dashboard',
  priority: 20,
  properties: {
    label: '已超期事项'
  },
  render: (node, { api }) => {
    node.classList.add('shuoshi-overdue');
    node.textContent = '';
    node.appendChild(element('h3', 'shuoshi-overdue-heading', '已超期事项'));
    const content = node.appendChild(element('div', 'shuoshi-overdue-content'));
    content.appendChild(element('p', 'shuoshi-overdue-loading', '正在读取已超期事项……'));
    fetch(`${api.cockpitApi}/plugin/shuoshiOverdue/${api.engine}/overdue`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    })
      .then(response => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(listing => {
        content.textContent = '';
        if (!listing.items.length) {
          content.appendChild(element('p', 'alert alert-info shuoshi-overdue-none', listing.message));
          return;
        }
        content.appendChild(element('p', 'shuoshi-overdue-summary', listing.total > listing.shown
          ? `共 ${listing.total} 项已超期未办结，显示超期最久的 ${listing.shown} 项；办结后自动移出。`
          : `共 ${listing.total} 项已超期未办结（含已督办的），超期最久的在前；办结后自动移出。`));
        content.appendChild(table(listing, api));
        content.appendChild(element('p', 'text-muted shuoshi-overdue-definition', listing.definition));
      })
      .catch(() => {
        content.textContent = '';
        content.appendChild(element('p', 'alert alert-warning shuoshi-overdue-error', '无法读取已超期事项，请稍后刷新页面。'));
      });
  }
};
