import { describe, expect, it } from 'vitest';
import { strftime } from '../../../native-models/prompts/template-globals';

describe("a chat template's strftime_now", () => {
  it('prints the fields chat templates use, as Python does', () => {
    const date = new Date(2026, 11, 8, 3, 4, 5);
    expect(strftime(date, '%d %b %Y')).toBe('08 Dec 2026');
    expect(strftime(date, '%B %d, %Y %H:%M:%S')).toBe('December 08, 2026 03:04:05');
    expect(strftime(date, '%Y-%m-%d 100%% %q')).toBe('2026-12-08 100% %q');
  });
});
