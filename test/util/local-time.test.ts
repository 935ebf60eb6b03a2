import { describe, expect, it } from 'vitest';
import { localTime, offsetLabel } from '../../src/util/local-time.js';

describe('localTime', () => {
  it("shows the machine's wall clock with its offset", () => {
    expect(localTime('2026-11-20T09:30:12.114Z', 480)).toBe('2026-11-20 17:30:12 UTC+08:00');
    expect(localTime('2026-11-20T01:30:12Z', -180)).toBe('2026-11-19 22:30:12 UTC-03:00');
    expect(localTime('2026-11-20T09:30:12Z', 330)).toBe('2026-11-20 15:00:12 UTC+05:30');
    expect(localTime('2026-11-20T09:30:12Z', 0)).toBe('2026-11-20 09:30:12 UTC+00:00');
  });

  it('says UTC when the offset is unknown or not a real one', () => {
    expect(localTime('2026-11-20T09:30:12.114Z')).toBe('2026-11-20 09:30:12 UTC');
    expect(localTime('2026-11-20T09:30:12.114Z', 5000)).toBe('2026-11-20 09:30:12 UTC');
    expect(localTime('2026-11-20T09:30:12.114Z', 1.5)).toBe('2026-11-20 09:30:12 UTC');
  });

  it('shows anything that is not an ISO instant as it is', () => {
    expect(localTime('yesterday', 480)).toBe('yesterday');
    expect(localTime('', 480)).toBe('');
    expect(localTime('2026-13-45T99:99:99Z', 480)).toBe('2026-13-45T99:99:99Z');
  });

  it('labels offsets', () => {
    expect(offsetLabel(-570)).toBe('UTC-09:30');
    expect(offsetLabel(840)).toBe('UTC+14:00');
  });
});
