/** What a web developer pastes into the website: a plain HTML form, or a fetch() call for custom forms. */
export function siteSnippet(origin: string, key: string): { html: string; fetch: string } {
  const endpoint = `${origin}/api/intake`;
  const html = [
    `<form method="post" action="${escapeHtml(endpoint)}" data-leadline>`,
    `  <input type="hidden" name="siteKey" value="${escapeHtml(key)}">`,
    `  <input type="hidden" name="pageUrl">`,
    `  <!-- Optional: where the visitor lands after sending. <input type="hidden" name="redirect" value="https://your-site/thanks"> -->`,
    `  <input name="name" placeholder="Your name" autocomplete="name">`,
    `  <input name="phone" type="tel" placeholder="Phone" autocomplete="tel">`,
    `  <input name="email" type="email" placeholder="E-mail" autocomplete="email">`,
    `  <input name="organization" placeholder="Company">`,
    `  <textarea name="comment" placeholder="Your question"></textarea>`,
    `  <button type="submit">Send</button>`,
    `</form>`,
    `<script>document.querySelectorAll('form[data-leadline] input[name=pageUrl]').forEach(function (i) { i.value = location.href; });</script>`,
  ].join('\n');
  const fetchSnippet = [
    `// Send a request from your own form handler. Keep the Idempotency-Key when retrying the same request.`,
    `fetch(${JSON.stringify(endpoint)}, {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    'Content-Type': 'application/json',`,
    `    'X-Site-Key': ${JSON.stringify(key)},`,
    `    'Idempotency-Key': crypto.randomUUID(),`,
    `  },`,
    `  body: JSON.stringify({ name, phone, email, organization, service, comment, pageUrl: location.href }),`,
    `}).then((res) => { if (!res.ok) throw new Error('Request not accepted: ' + res.status); return res.json(); });`,
  ].join('\n');
  return { html, fetch: fetchSnippet };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
