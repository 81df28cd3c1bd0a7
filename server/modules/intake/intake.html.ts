/** The small pages a plain HTML form's browser lands on (JSON clients never see these). */

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string, backUrl: string | null): string {
  const back = backUrl ? `<p><a href="${escapeHtml(backUrl)}">Back to the site</a></p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${back}</body></html>`;
}

export function thankYouPage(backUrl: string | null): string {
  return page('Thank you!', 'Your request has been received. We will contact you soon.', backUrl);
}

export function errorPage(message: string, backUrl: string | null): string {
  return page('Your request was not sent', message, backUrl);
}
