/*
 * Shuoshi 说事解题: the Admin app's start page shows whether the working-day calendar (工作日历) has
 * this year's State Council schedule and, from 1 November (Beijing time), next year's. Without it,
 * deadlines in that year count Saturdays and Sundays only and may be wrong.
 *
 * A Camunda 7 Admin plugin (plugin point admin.dashboard.section). The server side is the AdminPlugin
 * cn.shuoshi.clock.admin.CalendarAdminPlugin: the Admin app loads this file as its plugin.js and the
 * status comes from the plugin's resource, through the Admin app's own login session.
 */
const text = (tag, className, content) => {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  element.textContent = content;
  return element;
};

export default {
  id: 'shuoshi.workingCalendar',
  pluginPoint: 'admin.dashboard.section',
  priority: 20,
  properties: {
    label: '工作日历'
  },
  render: (node, { api }) => {
    node.classList.add('shuoshi-calendar');
    node.appendChild(text('p', 'shuoshi-calendar-loading', '正在读取工作日历……'));
    fetch(`${api.adminApi}/plugin/shuoshiCalendar/${api.engine}/status`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    })
      .then(response => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(status => {
        node.textContent = '';
        node.appendChild(text('p', status.warning ? 'alert alert-warning shuoshi-calendar-warning'
          : 'shuoshi-calendar-ok', status.message));
        const loaded = status.loadedYears.length
          ? status.loadedYears.map(year => `${year}年`).join('、') : '无';
        node.appendChild(text('p', 'shuoshi-calendar-years', `已录入：${loaded}（今天：${status.today}）`));
      })
      .catch(() => {
        node.textContent = '';
        node.appendChild(text('p', 'alert alert-danger shuoshi-calendar-error', '无法读取工作日历的状态，请稍后刷新页面。'));
      });
  }
};
