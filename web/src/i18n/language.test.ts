import { describe, expect, it } from 'vitest';
import { chooseLocale } from './language.ts';

describe('the language of the screens', () => {
  const none = { user: null, stored: null, installDefault: null, browser: [] };

  it("is a logged-in person's own (the server already put the install's default in when they chose none)", () => {
    expect(chooseLocale({ ...none, user: { locale: 'bg' }, stored: 'en', installDefault: 'ru' })).toBe('bg');
  });

  it('before login: the last one used on this browser, else the install’s default, else the browser’s', () => {
    expect(chooseLocale({ ...none, stored: 'en', installDefault: 'ru', browser: ['bg'] })).toBe('en');
    expect(chooseLocale({ ...none, installDefault: 'bg', browser: ['en-GB'] })).toBe('bg');
    expect(chooseLocale({ ...none, browser: ['de-DE', 'en-US'] })).toBe('en');
    expect(chooseLocale({ ...none, browser: ['de-DE'] })).toBe('ru');
  });
});
