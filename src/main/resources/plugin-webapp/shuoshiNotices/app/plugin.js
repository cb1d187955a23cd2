/*
 * Shuoshi 说事解题: in the Tasklist's header the link 我的消息 with the number of unread notices (站内信).
 * It opens the cadre's own notices, newest first; opening one marks it read and goes straight to its
 * task (#/?task=<id>) or, when it has none, to the item's story page.
 *
 * Camunda 7 Tasklist plugin (plugin point tasklist.navbar.action). The server side is
 * cn.shuoshi.notify.tasklist.NoticesTasklistPlugin; the data comes from its resource through the
 * Tasklist's own login session. Every text is set as text, never as HTML.
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

const base = api => `${api.tasklistApi}/plugin/shuoshiNotices/${api.engine}`;
const storyPage = (api, number) =>
  `${api.tasklistApi}/plugin/shuoshiStory/${api.engine}/item/${encodeURIComponent(number)}/page`;

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
const post = url => fetch(url, {
  method: 'POST',
  credentials: 'same-origin',
  headers: { Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken || cookieToken() || '' }
}).then(answer);

const noticesLink = {
  id: 'shuoshi.myNotices',
  pluginPoint: 'tasklist.navbar.action',
  priority: 60,
  render: (node, { api }) => {
    const wrapper = element('span', 'shuoshi-notices');
    wrapper.style.position = 'relative';
    const link = element('a', 'shuoshi-notices-link', '我的消息');
    link.href = '';
    link.setAttribute('role', 'button');
    const badge = element('span', 'badge shuoshi-notices-unread');
    link.appendChild(document.createTextNode(' '));
    link.appendChild(badge);
    const panel = element('div', 'shuoshi-notices-panel');
    Object.assign(panel.style, {
      display: 'none', position: 'absolute', right: '0', top: '2em', zIndex: '1000', width: '26em',
      maxHeight: '28em', overflowY: 'auto', background: '#fff', border: '1px solid #ccc', padding: '0.5em',
      boxShadow: '0 2px 6px rgba(0,0,0,.2)', textAlign: 'left'
    });
    wrapper.appendChild(link);
    wrapper.appendChild(panel);
    node.appendChild(wrapper);

    const open = notice => post(`${base(api)}/notices/${notice.id}/read`).catch(() => null).then(() => {
      if (notice.taskId) {
        window.location.hash = `#/?task=${encodeURIComponent(notice.taskId)}`;
        panel.style.display = 'none';
        refresh();
      } else if (notice.matterNumber) {
        window.open(storyPage(api, notice.matterNumber), '_blank', 'noopener');
        refresh();
      }
    });

    const show = view => {
      badge.textContent = view.unread ? String(view.unread) : '';
      panel.textContent = '';
      if (!view.notices.length) {
        panel.appendChild(element('p', 'text-muted', '暂无消息'));
        return;
      }
      const list = panel.appendChild(element('ul', 'list-unstyled shuoshi-notices-list'));
      view.notices.forEach(notice => {
        const item = list.appendChild(element('li', `shuoshi-notice${notice.read ? ' text-muted' : ''}`));
        item.style.margin = '0 0 0.5em 0';
        const entry = element('a', 'shuoshi-notice-open', `${notice.read ? '' : '● '}${notice.text}`);
        entry.href = '';
        entry.addEventListener('click', event => {
          event.preventDefault();
          open(notice);
        });
        item.appendChild(entry);
        item.appendChild(element('div', 'small text-muted', notice.at));
      });
    };

    const refresh = () => read(`${base(api)}/notices`).then(show).catch(() => {
      badge.textContent = '';
    });

    link.addEventListener('click', event => {
      event.preventDefault();
      const opening = panel.style.display === 'none';
      panel.style.display = opening ? 'block' : 'none';
      if (opening) {
        refresh();
      }
    });
    refresh();
    // The count follows new notices while the Tasklist stays open.
    setInterval(refresh, 60000);
  }
};

export default [noticesLink];
