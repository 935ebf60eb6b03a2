import { describe, expect, it } from 'vitest';
import { REGISTRY_KEYS as K } from '../../src/catalog/registry-keys.js';
import { codes, findings, machine, removeService, run, setValue } from '../helpers.js';

const ID = 'image-state';
const host = (s: ReturnType<typeof machine>) => s.host as Record<string, unknown>;

describe('image-state', () => {
  it('passes a fully set-up machine outside a domain', () => {
    expect(codes(run(machine()), ID)).toEqual(['complete:pass']);
  });

  it.each([
    ['IMAGE_STATE_UNDEPLOYABLE', /must be reinstalled/],
    ['IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE', /already generalized/],
    ['IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE', /first boot/],
  ])('blocks on %s', (state, meaning) => {
    const s = machine();
    setValue(s, K.setupState.path, 'ImageState', 'REG_SZ', state);
    const r = run(s);
    const f = findings(r, ID)[0]!;
    expect(f).toMatchObject({ code: 'not-complete', severity: 'fail' });
    expect(f.message).toMatch(meaning);
    expect(r.verdict).toBe('BLOCKED');
  });

  it('warns on a domain member, with the Sysprep way out; a note when Sysprep is planned', () => {
    const s = machine();
    Object.assign(host(s), { partOfDomain: true, domain: 'corp.example.com', domainRole: 3 });
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'domain-member', severity: 'warn' });
    expect(f.message).toContain('corp.example.com');
    expect(f.remediation[0]!.text).toMatch(/Sysprep/);
    expect(codes(run(s, { sysprep: true }), ID)).toEqual(['sysprep-ready:pass']);
  });

  it('warns that a domain controller must not be cloned', () => {
    const s = machine();
    Object.assign(host(s), { partOfDomain: true, domain: 'corp.example.com', domainRole: 5 });
    expect(codes(run(s, { sysprep: true }), ID)).toEqual(['domain-controller:warn', 'sysprep-ready:pass']);
  });

  it('with Sysprep planned: no rearm left, not activated, no Cloudbase-Init each block', () => {
    const s = machine();
    (s.activation as Record<string, unknown>).RemainingWindowsReArmCount = 0;
    (s.licensing as Array<Record<string, unknown>>)[0]!.LicenseStatus = 5;
    removeService(s, 'cloudbase-init');
    const r = run(s, { sysprep: true });
    expect(codes(r, ID)).toEqual(['sysprep-no-rearm:fail', 'sysprep-not-activated:fail', 'sysprep-no-cloudbase-init:fail']);
    expect(run(s).verdict).not.toBe('READY');
  });

  it('with Sysprep planned but the licensing facts missing: could not verify', () => {
    const s = machine();
    s.activation = { collectionError: { message: 'timed out', code: 'timeout' } };
    expect(codes(run(s, { sysprep: true }), ID)).toEqual(['sysprep-unknown:unknown']);
  });
});
