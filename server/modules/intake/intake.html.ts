import type { Locale } from '../../api-types.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';

/** The small pages a plain HTML form's browser lands on (JSON clients never see these), in the site's language. */

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(locale: Locale, title: string, body: string, backUrl: string | null): string {
  const back = backUrl ? `<p><a href="${escapeHtml(backUrl)}">${escapeHtml(translate(locale, text('intake.back')))}</a></p>` : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${back}</body></html>`;
}

export function thankYouPage(locale: Locale, backUrl: string | null): string {
  return page(locale, translate(locale, text('intake.thanks_title')), translate(locale, text('intake.thanks_body')), backUrl);
}

/** `message` is already in `locale`. */
export function errorPage(locale: Locale, message: string, backUrl: string | null): string {
  return page(locale, translate(locale, text('intake.error_title')), message, backUrl);
}
