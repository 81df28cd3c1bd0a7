import type { Locale } from '../../api-types.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';

/** What a web developer pastes into the website: a plain HTML form, or a fetch() call for custom forms, in `locale`. */
export function siteSnippet(origin: string, key: string, locale: Locale): { html: string; fetch: string } {
  const endpoint = `${origin}/api/intake`;
  const t = (k: string) => escapeHtml(translate(locale, text(`snippet.${k}`)));
  const html = [
    `<form method="post" action="${escapeHtml(endpoint)}" data-leadline>`,
    `  <input type="hidden" name="siteKey" value="${escapeHtml(key)}">`,
    `  <input type="hidden" name="pageUrl">`,
    `  <!-- ${t('redirect_hint')} <input type="hidden" name="redirect" value="https://your-site/thanks"> -->`,
    `  <input name="name" placeholder="${t('name')}" autocomplete="name">`,
    `  <input name="phone" type="tel" placeholder="${t('phone')}" autocomplete="tel">`,
    `  <input name="email" type="email" placeholder="${t('email')}" autocomplete="email">`,
    `  <input name="organization" placeholder="${t('organization')}">`,
    `  <textarea name="comment" placeholder="${t('comment')}"></textarea>`,
    `  <button type="submit">${t('send')}</button>`,
    `</form>`,
    `<script>document.querySelectorAll('form[data-leadline] input[name=pageUrl]').forEach(function (i) { i.value = location.href; });</script>`,
  ].join('\n');
  const fetchSnippet = [
    `// ${translate(locale, text('snippet.fetch_hint'))}`,
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
