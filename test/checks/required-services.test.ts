import { describe, expect, it } from 'vitest';
import { codes, machine, run, setService, statusOf } from '../helpers.js';

const ID = 'required-services';

describe('required-services', () => {
  it('is not applicable when the config requires nothing', () => {
    expect(statusOf(run(machine()), ID)).toBe('not-applicable');
  });
  it('passes a running required service, blocks a stopped or missing one', () => {
    const s = machine();
    setService(s, 'W32Time', { State: 'Stopped' });
    const r = run(s, {
      requiredServices: [{ name: 'WinRM' }, { name: 'W32Time' }, { name: 'MyDeployAgent', reason: '(deploys our app)' }],
    });
    expect(codes(r, ID)).toEqual(['required-running:pass', 'required-not-running:fail', 'required-missing:fail']);
    expect(r.verdict).toBe('BLOCKED');
  });
  it('could not verify when services were not collected', () => {
    const s = machine();
    s.services = { collectionError: { message: 'Access denied', code: 'access-denied' } };
    const r = run(s, { requiredServices: [{ name: 'WinRM' }] });
    expect(codes(r, ID)).toEqual(['facts-unavailable:unknown']);
    expect(r.verdict).toBe('AT RISK');
  });
});
