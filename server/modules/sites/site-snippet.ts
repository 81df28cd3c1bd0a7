import type { Locale } from '../../api-types.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';

/**
 * What a web developer pastes into the website: a plain HTML form, or a fetch() call for custom forms, in `locale`.
 * The form is sent as UTF-8 whatever the page's charset (`accept-charset`), carries one idempotency key per fill
 * (a new one once the visitor changes a field after sending), the page's language (`<html lang>`, for rules on the
 * client's language) and an optional budget (`amount`, typed as people type it), and its script ignores a second
 * click on send.
 */
export function siteSnippet(origin: string, key: string, locale: Locale): { html: string; fetch: string } {
  const endpoint = `${origin}/api/intake`;
  const t = (k: string) => escapeHtml(translate(locale, text(`snippet.${k}`)));
  const html = [
    `<form method="post" action="${escapeHtml(endpoint)}" accept-charset="UTF-8" data-leadline>`,
    `  <input type="hidden" name="siteKey" value="${escapeHtml(key)}">`,
    `  <input type="hidden" name="pageUrl">`,
    `  <input type="hidden" name="idempotencyKey">`,
    `  <input type="hidden" name="language">`,
    `  <!-- ${t('redirect_hint')} <input type="hidden" name="redirect" value="https://your-site/thanks"> -->`,
    `  <input name="name" placeholder="${t('name')}" autocomplete="name">`,
    `  <input name="phone" type="tel" placeholder="${t('phone')}" autocomplete="tel">`,
    `  <input name="email" type="email" placeholder="${t('email')}" autocomplete="email">`,
    `  <input name="organization" placeholder="${t('organization')}">`,
    `  <input name="amount" inputmode="decimal" placeholder="${t('amount')}">`,
    `  <textarea name="comment" placeholder="${t('comment')}"></textarea>`,
    `  <button type="submit">${t('send')}</button>`,
    `</form>`,
    `<script>document.querySelectorAll('form[data-leadline]').forEach(function (f) {`,
    `  function key() { return window.crypto && crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2); }`,
    `  f.elements.pageUrl.value = location.href;`,
    `  f.elements.language.value = document.documentElement.lang || '';`,
    `  f.elements.idempotencyKey.value = key();`,
    `  f.addEventListener('input', function () { if (f.dataset.sent) { delete f.dataset.sent; f.elements.idempotencyKey.value = key(); } });`,
    `  f.addEventListener('submit', function (e) { if (f.dataset.sent) { e.preventDefault(); return; } f.dataset.sent = '1'; });`,
    `});</script>`,
  ].join('\n');
  const fetchSnippet = [
    `// ${translate(locale, text('snippet.fetch_hint'))}`,
    `// ${translate(locale, text('snippet.key_hint'))}`,
    `const idempotencyKey = crypto.randomUUID();`,
    `fetch(${JSON.stringify(endpoint)}, {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    'Content-Type': 'application/json',`,
    `    'X-Site-Key': ${JSON.stringify(key)},`,
    `    'Idempotency-Key': idempotencyKey,`,
    `  },`,
    `  body: JSON.stringify({ name, phone, email, organization, service, comment, amount, language: document.documentElement.lang || undefined, pageUrl: location.href }),`,
    `}).then((res) => { if (!res.ok) throw new Error('Request not accepted: ' + res.status); return res.json(); });`,
  ].join('\n');
  return { html, fetch: fetchSnippet };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
