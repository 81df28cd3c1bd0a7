import { describe, expect, it } from 'vitest';
import { isPlaceholderPhone, normalizePhone } from './phone.js';

describe('the phone rule', () => {
  it('reads the usual ways of writing a number to E.164', () => {
    expect(normalizePhone('8 (900) 123-45-67', 'RU')).toBe('+79001234567');
    expect(normalizePhone('+7 900 123 4567', 'RU')).toBe('+79001234567');
    expect(normalizePhone('9001234567', 'RU')).toBe('+79001234567');
    expect(normalizePhone('+359 2 123 4567', 'RU')).toBe('+35921234567');
  });

  it('understands the international exit codes 00 and (in Russia) 810 instead of reading them as digits', () => {
    expect(normalizePhone('00380441234567', 'RU')).toBe('+380441234567');
    expect(normalizePhone('00 44 20 7946 0958', 'BG')).toBe('+442079460958');
    expect(normalizePhone('810 380 44 123 45 67', 'RU')).toBe('+380441234567');
    // a national number that merely starts with 8 10… stays national
    expect(normalizePhone('8 910 123 45 67', 'RU')).toBe('+79101234567');
  });

  it('treats placeholders as no number: all zeros, one digit repeated, too short', () => {
    for (const raw of ['0000000000', '+7 000 000 00 00', '80000000000', '1111111111', '+7 777 777 77 77', '12345', '0', '101']) {
      expect(normalizePhone(raw, 'RU'), raw).toBeNull();
      expect(isPlaceholderPhone(raw), raw).toBe(true);
    }
    expect(isPlaceholderPhone('+7 900 123 45 67')).toBe(false);
    expect(normalizePhone('+7 908 000 00 00', 'RU')).toBe('+79080000000');
  });
});
