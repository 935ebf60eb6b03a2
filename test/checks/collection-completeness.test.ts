import { describe, expect, it } from 'vitest';
import { codes, findings, loadFixture, machine, run } from '../helpers.js';

const ID = 'collection-completeness';

describe('collection-completeness', () => {
  it('passes a full, elevated PowerShell collection', () => {
    expect(codes(run(machine()), ID)).toEqual(['complete:pass']);
  });

  it('keeps a non-elevated run from READY and says what was unreadable', () => {
    const r = run(loadFixture('collected-not-elevated'));
    const f = findings(r, ID)[0]!;
    expect(f.code).toBe('not-elevated');
    expect(f.message).toMatch(/1 registry keys unreadable; program paths of \d+ processes unknown; security software by folder/);
    expect(r.verdict).toBe('AT RISK');
  });

  it('warns when the native fallback collected, naming what it cannot see', () => {
    const s = machine();
    s.collector = { method: 'fallback', notes: ['PowerShell is too old (2.0)'] };
    const f = findings(run(s), ID)[0]!;
    expect(f.code).toBe('fallback');
    expect(f.remediation[0]!.text).toMatch(/PowerShell 3\.0 or later/);
  });

  it('notes a snapshot that does not say whether it ran elevated', () => {
    const s = machine();
    delete (s.host as Record<string, unknown>).elevated;
    expect(codes(run(s), ID)).toEqual(['elevation-unknown:info']);
  });
});
