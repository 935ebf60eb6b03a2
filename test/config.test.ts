import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { parseConfig } from '../src/config/load.js';
import { InputError } from '../src/errors.js';
import { codes, machine, run, setService, statusOf } from './helpers.js';

function rejects(input: unknown): string {
  try {
    parseConfig(input, 'config c.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected rejection');
}

describe('config', () => {
  it('disables a check, which then neither runs nor counts', () => {
    const s = machine('crash-dialog-open');
    const r = run(s, { disableChecks: ['crash-dialogs'] });
    expect(statusOf(r, 'crash-dialogs')).toBe('disabled');
    expect(r.verdict).toBe('READY');
  });
  it('changes the severity of one finding code', () => {
    const r = run(machine('busy-web-server'), {
      severity: { 'pending-reboot/file-rename-operations': 'info', 'other-sessions': 'info', 'system-disk-space': 'info' },
    });
    expect(codes(r, 'pending-reboot')).toEqual(['file-rename-operations:info']);
    expect(r.verdict).toBe('READY');
  });
  it('can make a warning block', () => {
    const s = machine();
    setService(s, 'QcloudService', { PathName: 'C:\\Temp\\QcloudService.exe' });
    expect(run(s, { severity: { 'tencent-agents/agent-unexpected-path': 'fail' } }).verdict).toBe('BLOCKED');
  });
  it('a whole-check override leaves passes and notes alone', () => {
    const r = run(machine(), { severity: { 'tencent-agents': 'fail' } });
    expect(r.verdict).toBe('READY');
  });
  it('rejects unknown keys, unknown checks and bad types with the path', () => {
    expect(rejects({ disableCheck: ['x'] })).toBe('config c.json: (top level): not a known setting: "disableCheck"');
    expect(rejects({ disableChecks: ['no-such-check'] })).toMatch(/disableChecks\[0\]: unknown check "no-such-check"/);
    expect(rejects({ severity: { 'nope/x': 'warn' } })).toMatch(/severity\["nope\/x"\]: unknown check "nope"/);
    expect(rejects({ severity: { 'pending-reboot': 'critical' } })).toMatch(/severity\["pending-reboot"\]: expected one of/);
    expect(rejects({ securityProducts: [{ id: 'x', name: 'X', kind: 'virus' }] })).toMatch(/securityProducts\[0\]\.kind/);
    expect(rejects({ thresholds: { systemDiskMinFreeGiB: 'two' } })).toMatch(
      /thresholds\.systemDiskMinFreeGiB: expected a number, got a string/,
    );
    expect(rejects([])).toMatch(/expected an object/);
  });
});

describe('config names real finding codes', () => {
  it('rejects a misspelt code with the nearest real one (it used to be accepted and ignored)', () => {
    expect(rejects({ severity: { 'pending-reboot/file-rename-operation': 'info' } })).toBe(
      'config c.json: severity["pending-reboot/file-rename-operation"]: check pending-reboot has no finding "file-rename-operation"; did you mean "pending-reboot/file-rename-operations"?',
    );
  });
  it('suggests the nearest check id', () => {
    expect(rejects({ disableChecks: ['crash-dialog'] })).toMatch(/unknown check "crash-dialog"; did you mean "crash-dialogs"\?/);
  });
  it("accepts every declared code and the engine's own", () => {
    for (const check of CHECKS) {
      const severity = Object.fromEntries(
        [...Object.keys(check.findings), 'facts-unavailable', 'check-error'].map((code) => [`${check.id}/${code}`, 'info']),
      );
      expect(() => parseConfig({ severity })).not.toThrow();
    }
  });
});
