// Every whole-machine fixture: its verdict and the findings that make it.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codes, FIXTURES, loadFixture, run } from './helpers.js';

const EXPECTED: Record<string, { verdict: string; must?: Record<string, string[]>; checks?: Record<string, string> }> = {
  'healthy-server-2019': { verdict: 'READY', must: { 'tencent-agents': ['agent-running:pass'] } },
  'healthy-server-2022': { verdict: 'READY' },
  'healthy-server-2022-zh-cn': { verdict: 'READY', must: { 'unknown-security-software': ['none-found:pass'] } },
  'healthy-server-2019-id': { verdict: 'READY' },
  'wps-office-server': {
    verdict: 'READY',
    must: { 'security-software': ['builtin-antivirus:info'], 'unknown-security-software': ['none-found:pass'] },
  },
  'sangfor-vpn-server': { verdict: 'READY', must: { 'unknown-security-software': ['none-found:pass'] } },
  'soft-shutdown-ignored': {
    verdict: 'AT RISK',
    must: { 'shutdown-readiness': ['not-high-performance:warn', 'shutdown-without-logon-off:warn'] },
  },
  'cloudbase-init-disabled': { verdict: 'BLOCKED', must: { 'cloudbase-init': ['disabled:fail'] } },
  'image-undeployable': { verdict: 'BLOCKED', must: { 'image-state': ['not-complete:fail'] } },
  'collected-not-elevated': { verdict: 'AT RISK', must: { 'collection-completeness': ['not-elevated:warn'] } },
  'static-ip-template': { verdict: 'BLOCKED', must: { network: ['static-ip:fail'] } },
  'rdp-port-not-in-firewall': { verdict: 'BLOCKED', must: { 'remote-access': ['port-blocked:fail', 'port-changed:info'] } },
  'bitlocker-system-volume': { verdict: 'BLOCKED', must: { encryption: ['tpm-protected:fail'] } },
  'unknown-antivirus-zh-cn': { verdict: 'AT RISK', must: { 'unknown-security-software': ['unrecognised-running:warn'] } },
  'safedog-running': { verdict: 'BLOCKED', must: { 'security-software': ['safedog-running:fail', 'builtin-antivirus:info'] } },
  'qcloudservice-stopped': { verdict: 'BLOCKED', must: { 'tencent-agents': ['agent-not-running:fail'] } },
  'trustedinstaller-disabled': { verdict: 'BLOCKED', must: { 'windows-modules-installer': ['ti-disabled:fail'] } },
  'updates-installing': {
    verdict: 'AT RISK',
    must: {
      'windows-modules-installer': ['servicing-in-progress:warn', 'ti-automatic-reboot-pending:info'],
      'pending-reboot': ['cbs-reboot-pending:warn', 'cbs-packages-pending:warn', 'file-rename-operations:warn'],
    },
  },
  'crash-dialog-open': { verdict: 'AT RISK', must: { 'crash-dialogs': ['crash-dialog-open:warn'] } },
  '360-installed-stopped': { verdict: 'READY', must: { 'security-software': ['installed-stopped:info'] } },
  'portuguese-server-2022': {
    verdict: 'READY',
    must: { 'windows-modules-installer': ['ti-ok:pass'], 'tencent-agents': ['agent-running:pass'] },
  },
  'chinese-server-2016-huorong': { verdict: 'AT RISK', must: { 'security-software': ['third-party-running:warn'] } },
  'services-unreadable': {
    verdict: 'AT RISK',
    checks: { 'tencent-agents': 'unknown', 'windows-modules-installer': 'unknown', 'security-software': 'unknown' },
  },
  'server-2012-r2': { verdict: 'READY' },
  'evaluation-expired': { verdict: 'BLOCKED', must: { 'windows-licence': ['evaluation-expired:fail'] } },
  // Judged without the intent to share: secrets warn (share: true makes them fail; test/checks/share.test.ts).
  'secrets-on-disk': {
    verdict: 'AT RISK',
    must: {
      'share-tencent-credentials': ['credential-file:warn', 'environment-variable:warn', 'environment-unverified:unknown'],
      'share-private-keys': ['private-key:warn'],
      'share-answer-files': ['plaintext-password:warn'],
    },
  },
  'share-ready': {
    verdict: 'READY',
    must: { 'share-tencent-credentials': ['none-found:pass'], 'share-scan-coverage': ['scan-complete:pass'] },
  },
  'busy-web-server': {
    verdict: 'AT RISK',
    must: {
      'pending-reboot': ['file-rename-operations:warn'],
      'other-sessions': ['other-sessions:warn'],
      'system-disk-space': ['disk-low:warn'],
    },
  },
};

describe('whole-machine fixtures', () => {
  it('has an expectation for every fixture file, and at least ten', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name} is ${want.verdict}`, () => {
      const report = run(loadFixture(name));
      expect(report.verdict).toBe(want.verdict);
      for (const [checkId, list] of Object.entries(want.must ?? {})) {
        expect(codes(report, checkId)).toEqual(expect.arrayContaining(list));
      }
      for (const [checkId, status] of Object.entries(want.checks ?? {})) {
        expect(report.checks.find((c) => c.id === checkId)?.status).toBe(status);
      }
      if (want.verdict === 'READY') {
        const bad = report.checks.flatMap((c) => c.findings).filter((f) => ['warn', 'fail', 'unknown'].includes(f.severity));
        expect(bad).toEqual([]);
      }
    });
  }

  it('localized display names change nothing: the Portuguese machine judges like the English one', () => {
    const pt = run(loadFixture('portuguese-server-2022'));
    const en = run(loadFixture('healthy-server-2022'));
    const shape = (r: typeof pt) => r.checks.map((c) => [c.id, c.status, c.findings.map((f) => f.code)]);
    expect(shape(pt)).toEqual(shape(en));
  });
});
