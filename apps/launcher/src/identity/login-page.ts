/**
 * The pages a person sees at the embedded provider, in Chinese: the login form (interaction
 * `login`) and the error page. Plain HTML with inline styles only, so the Content-Security-Policy can
 * forbid every script and every outside resource.
 */

export const LOGIN_MESSAGES = {
  wrongCredentials: '工号或密码不正确。',
  missingFields: '请输入工号和密码。',
  tooManyAttempts: (minutes: number) => `尝试次数过多，请 ${minutes} 分钟后再试。`,
} as const;

export function loginPage(o: { uid: string; clientName: string; error?: string; username?: string }): string {
  return layout(
    '登录',
    `<h1>救助 · 工作人员登录</h1>
    <p class="hint">登录后返回「${escapeHtml(o.clientName)}」。</p>
    ${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
    <form method="post" action="/interaction/${encodeURIComponent(o.uid)}/login" autocomplete="on">
      <label for="username">工号</label>
      <input id="username" name="username" required autocomplete="username" autocapitalize="off" spellcheck="false" value="${escapeHtml(o.username ?? '')}"${o.username ? '' : ' autofocus'}>
      <label for="password">密码</label>
      <input id="password" name="password" type="password" required autocomplete="current-password"${o.username ? ' autofocus' : ''}>
      <button type="submit">登录</button>
    </form>
    <form method="post" action="/interaction/${encodeURIComponent(o.uid)}/abort"><button type="submit" class="link">取消</button></form>`,
  );
}

export function errorPage(o: { title: string; message: string; detail?: string }): string {
  return layout(
    o.title,
    `<h1>${escapeHtml(o.title)}</h1>
    <p class="error" role="alert">${escapeHtml(o.message)}</p>
    ${o.detail ? `<p class="hint">${escapeHtml(o.detail)}</p>` : ''}`,
  );
}

/** What an OAuth error code means to a person, for the error page. */
export function errorMessage(code: string): string {
  switch (code) {
    case 'invalid_request':
    case 'invalid_redirect_uri':
      return '登录请求无效。请从系统页面重新登录。';
    case 'invalid_client':
    case 'unauthorized_client':
      return '该应用未被允许登录。';
    case 'access_denied':
      return '登录已取消。';
    case 'session_not_found':
    case 'invalid_grant':
      return '登录已过期，请重新登录。';
    case 'too_many_requests':
      return '请求过于频繁，请稍后再试。';
    default:
      return '登录时出错，请稍后重新登录。';
  }
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 救助</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: #f4f5f7; margin: 0; }
  main { max-width: 22rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  label { display: block; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #b71c1c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button.link { background: none; color: #555; margin-top: .5rem; }
  .error { color: #b71c1c; }
  .hint { color: #555; font-size: .9rem; }
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
