import { describe, expect, it } from 'vitest';
import { ApiError, fieldError, fieldErrors } from './client.ts';

describe('field messages of a failed save', () => {
  it('come from a 400 answer, and from nothing else', () => {
    expect(fieldErrors(new ApiError(400, 'validation', 'Invalid input', { name: 'Required' }))).toEqual({ name: 'Required' });
    expect(fieldErrors(new Error('offline'))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });

  it('a list field shows the message of any of its items', () => {
    const fields = { name: 'Required', 'allowedOrigins.1': 'Not an origin' };
    expect(fieldError(fields, 'allowedOrigins')).toBe('Not an origin');
    expect(fieldError(fields, 'name')).toBe('Required');
    expect(fieldError(fields, 'allowed')).toBeUndefined();
  });
});
