/*
 * Shuoshi 说事解题: a user who must change the password before anything else (an initial password,
 * or one an administrator set) gets 403 on every call of the Tasklist, Cockpit and Admin, with the
 * header X-Shuoshi-Password-Change naming the Welcome app's page where the password is changed
 * (security.account.PasswordChangeGate). Instead of "加载失败" notices, the app goes there at once.
 * Loaded through customScripts in the config.js of those three apps; changes nothing else.
 */
const HEADER = 'X-Shuoshi-Password-Change';
const send = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.send = function (...args) {
  this.addEventListener('load', () => {
    const target = this.status === 403 ? this.getResponseHeader(HEADER) : null;
    // Only a page of this server: the header is ours, but a path is all it may name.
    if (target && target.startsWith('/') && !target.startsWith('//')) {
      window.location.assign(target);
    }
  });
  return send.apply(this, args);
};
