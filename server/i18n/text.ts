/**
 * A text for people that the server writes (an error message, a task, a page): the key of a message in the server
 * catalogue (`server/i18n/locales/<lang>/server.json`) and the values it names. Translated for its reader at the
 * last moment (the HTTP answer, the live event, the page), so each person reads it in their own language.
 */
export interface Text {
  key: string;
  params?: Record<string, string | number>;
}

export function text(key: string, params?: Record<string, string | number>): Text {
  return params ? { key, params } : { key };
}
