// The "Safe to share" checks over whole machines: when they run, how severe a secret is with and without
// the intent to share, could-not-verify for what was not read, and fixes that never carry a secret.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ADMIN_SID } from '../../src/catalog/registry-keys.js';
import { collectionError } from '../../src/collect/collection-error.js';
import { render, renderReport } from '../../src/report/render.js';
import { FORMATS } from '../../src/report/render.js';
import type { SecretFinding, Snapshot } from '../../src/snapshot/schema.js';
import { codes, findings, loadFixture, machine, registryKeys, run, setKey, setService, statusOf } from '../helpers.js';

const SHARE_CHECKS = [
  'share-tencent-credentials',
  'share-cloud-credentials',
  'share-private-keys',
  'share-answer-files',
  'share-shell-history',
  'share-saved-credentials',
  'share-scan-coverage',
];
const SHARE = { share: true };

function secretsOf(s: Snapshot) {
  if (!s.secrets || 'collectionError' in s.secrets) throw new Error('no scan');
  return s.secrets;
}

/** A healthy machine whose scan found exactly these. */
function withFindings(list: SecretFinding[], scan: Partial<ReturnType<typeof secretsOf>['scan']> = {}): Snapshot {
  const s = machine('share-ready');
  const secrets = secretsOf(s);
  secrets.findings = list;
  Object.assign(secrets.scan, scan);
  return s;
}

describe('when the share checks run', () => {
  it('not at all on an ordinary check of a machine without a scan: n/a, and the verdict is unchanged', () => {
    const r = run(loadFixture('healthy-server-2019'));
    for (const id of SHARE_CHECKS) expect(statusOf(r, id)).toBe('not-applicable');
    expect(r.verdict).toBe('READY');
  });

  it('sharing intended without a scan in the snapshot: each says "could not verify"', () => {
    const r = run(loadFixture('healthy-server-2019'), SHARE);
    for (const id of SHARE_CHECKS) expect(codes(r, id), id).toEqual(['facts-unavailable:unknown']);
    expect(findings(r, 'share-private-keys')[0]?.message).toMatch(
      /share-readiness scan \(secrets; check --share runs it\) \(not in the snapshot\)/,
    );
    expect(r.verdict).toBe('AT RISK');
  });

  it('a scan that failed is "could not verify" with its reason', () => {
    const s = machine('share-ready');
    s.secrets = collectionError({ id: 'collector.scanFailed', params: { error: 'EIO' } }, 'share-scan', 'failed') as Snapshot['secrets'];
    expect(findings(run(s), 'share-scan-coverage')[0]?.message).toBe(
      'could not verify: share-readiness scan (secrets; check --share runs it) (the share-readiness scan failed: EIO)',
    );
  });

  it('a clean scan passes every share check, with or without the intent to share', () => {
    for (const config of [undefined, SHARE]) {
      const r = run(loadFixture('share-ready'), config);
      expect(r.verdict).toBe('READY');
      for (const id of SHARE_CHECKS) expect(['pass', 'info'], id).toContain(statusOf(r, id));
    }
  });
});

describe('severity follows the intent to share', () => {
  it('live credentials and private keys fail when sharing is intended', () => {
    const r = run(loadFixture('secrets-on-disk'), SHARE);
    expect(r.verdict).toBe('BLOCKED');
    expect(codes(r, 'share-tencent-credentials')).toEqual(
      expect.arrayContaining([
        'credential-file:fail',
        'secret-in-file:fail',
        'temporary-credential:warn',
        'environment-variable:fail',
        'environment-unverified:unknown',
      ]),
    );
    expect(codes(r, 'share-cloud-credentials')).toEqual(['cloud-credential:fail', 'cloud-credential:fail', 'encrypted-token-cache:warn']);
    expect(codes(r, 'share-private-keys').sort()).toEqual([
      'encrypted-private-key:warn',
      'key-container:warn',
      'private-key:fail',
      'private-key:fail',
    ]);
    expect(codes(r, 'share-answer-files')).toEqual(['plaintext-password:fail', 'encoded-password:fail']);
    expect(codes(r, 'share-shell-history')).toEqual(['password-in-history:warn']);
    expect(codes(r, 'share-saved-credentials')).toEqual([
      'saved-credentials:warn',
      'saved-credentials:warn',
      'browser-password-store:info',
    ]);
    expect(codes(r, 'share-scan-coverage')).toEqual(['too-large:info', 'scan-complete:pass']);
    const text = render(r, { format: 'text', color: false });
    expect(text).toContain('BLOCKED: the image would give away secrets; fix the failures before you share it.');
    expect(render(r, { format: 'markdown', color: false })).toContain('the image would give away secrets');
  });

  it('the HTML page states the same verdict sentence', async () => {
    const html = await renderReport(run(loadFixture('secrets-on-disk'), SHARE), { format: 'html', color: false });
    expect(html).toContain('the image would give away secrets; fix the failures before you share it.');
  });

  it('the same machine only warns when sharing is not intended (the image may stay in this account)', () => {
    const r = run(loadFixture('secrets-on-disk'));
    expect(r.verdict).toBe('AT RISK');
    expect(r.counts.fail).toBe(0);
    expect(codes(r, 'share-private-keys')).toContain('private-key:warn');
    expect(render(r, { format: 'text', color: false })).toContain(
      'AT RISK: the image may give away secrets; check the warnings before you share it.',
    );
  });

  it('config severities still apply, per check or per code', () => {
    const r = run(loadFixture('secrets-on-disk'), {
      share: true,
      severity: { 'share-private-keys': 'info', 'share-answer-files/encoded-password': 'warn' },
    });
    expect(codes(r, 'share-private-keys')).not.toContain('private-key:fail');
    expect(codes(r, 'share-answer-files')).toEqual(['plaintext-password:fail', 'encoded-password:warn']);
  });

  it('another blocking problem keeps the usual BLOCKED sentence', () => {
    const s = machine('secrets-on-disk');
    setService(s, 'QcloudService', { State: 'Stopped', ProcessId: 0 });
    const r = run(s, SHARE);
    expect(render(r, { format: 'text', color: false })).toContain('BLOCKED: image creation will fail; fix the failures first.');
  });
});

describe('Tencent Cloud credentials', () => {
  it('one finding per file, naming the tool, the secrets masked with their lines; fixes delete and rotate', () => {
    const r = run(loadFixture('secrets-on-disk'), SHARE);
    const tccli = findings(r, 'share-tencent-credentials').find(
      (f) => f.code === 'credential-file' && f.message.includes('Administrator\\.tccli'),
    );
    expect(tccli?.message).toBe(
      'tccli keeps Tencent Cloud credentials in C:\\Users\\Administrator\\.tccli\\default.credential: SecretId AKID…kj (line 2), SecretKey r8Tq…eU (line 3)',
    );
    expect(tccli?.remediation.map((m) => m.commands)).toEqual([
      ['cmd.exe /d /c del "C:\\Users\\Administrator\\.tccli\\default.credential"'],
      [],
    ]);
    expect(tccli?.remediation[1]?.text).toContain('https://console.cloud.tencent.com/cam/capi');
    expect(tccli?.remediation[1]?.text).toContain('disable and delete AKID…kj');
  });

  it('environment variables: machine-wide and per user, placeholders ignored, with reg delete', () => {
    const r = run(loadFixture('secrets-on-disk'), SHARE);
    const env = findings(r, 'share-tencent-credentials').filter((f) => f.code === 'environment-variable');
    expect(env.map((f) => f.message)).toEqual([
      'Environment variable TENCENTCLOUD_SECRET_ID holds a Tencent Cloud credential AKID…kj (for the whole machine)',
      `Environment variable TENCENTCLOUD_SECRET_KEY holds a Tencent Cloud credential r8Tq…eU (for user Administrator (${EXAMPLE_ADMIN_SID}))`,
    ]);
    expect(env[1]?.remediation[0]?.commands).toEqual([
      `reg.exe delete "HKU\\${EXAMPLE_ADMIN_SID}\\Environment" /v TENCENTCLOUD_SECRET_KEY /f`,
    ]);
  });

  it('users whose hive is not loaded are named: could not verify their variables', () => {
    const r = run(loadFixture('secrets-on-disk'), SHARE);
    const f = findings(r, 'share-tencent-credentials').find((x) => x.code === 'environment-unverified');
    expect(f?.message).toBe(
      'could not verify the environment variables of deploy (S-1-5-21-3623811015-3361044348-30300820-1001): their registry hive is not loaded (not signed in)',
    );
  });

  it('without the registry, or from a collector that did not read the keys: could not verify the variables', () => {
    const s = machine('share-ready');
    s.registry = collectionError({ id: 'collector.notCollected' }, 'registry', 'failed') as Snapshot['registry'];
    expect(codes(run(s, SHARE), 'share-tencent-credentials')).toEqual(['environment-unreadable:unknown', 'none-found:pass']);
    const old = machine('share-ready');
    if (old.registry && 'keys' in old.registry) old.registry.keys = old.registry.keys.filter((k) => !/Environment|^HKU$/i.test(k.path));
    const f = findings(run(old, SHARE), 'share-tencent-credentials');
    expect(f.map((x) => x.code)).toEqual(['environment-unreadable', 'none-found']);
    expect(f[0]?.message).toMatch(/^could not verify environment variables: HKLM\\SYSTEM\\.*Environment was not read .*; HKU was not read/);
  });

  it('a temporary key alone warns; a file with a permanent one fails', () => {
    const hit = (kind: string, path = 'C:\\app\\a.json'): SecretFinding => ({
      kind,
      path,
      line: 1,
      masked: 'AKID…aa',
      source: 'scan',
      user: null,
    });
    expect(codes(run(withFindings([hit('tencent-temporary-id')]), SHARE), 'share-tencent-credentials')).toEqual([
      'temporary-credential:warn',
    ]);
    expect(codes(run(withFindings([hit('tencent-temporary-id'), hit('tencent-secret-id')]), SHARE), 'share-tencent-credentials')).toEqual([
      'secret-in-file:fail',
    ]);
  });

  it('more than 40 files: the first 40 and a count of the rest', () => {
    const many = Array.from({ length: 45 }, (_, i): SecretFinding => ({
      kind: 'tencent-secret-id',
      path: `C:\\x\\${i}.txt`,
      line: 1,
      masked: 'AKID…aa',
      source: 'scan',
      user: null,
    }));
    const c = codes(run(withFindings(many), SHARE), 'share-tencent-credentials');
    expect(c.filter((x) => x === 'secret-in-file:fail')).toHaveLength(40);
    expect(findings(run(withFindings(many), SHARE), 'share-tencent-credentials').find((f) => f.code === 'more-files')?.message).toBe(
      '5 more file(s) with Tencent Cloud credentials (see the snapshot)',
    );
  });
});

describe('fix commands never carry what a shell would interpret', () => {
  it.each([
    'C:\\Users\\a%PATH%b\\.cos.conf',
    'C:\\Users\\$env:x\\.cos.conf',
    'C:\\Users\\a[1]\\.cos.conf',
    'C:\\Users\\a"b\\.cos.conf',
    'C:\\Users\\a`b\\.cos.conf',
  ])('%s gets no command, only the advice', (path) => {
    const r = run(withFindings([{ kind: 'tencent-secret-id', path, line: 2, masked: 'AKID…aa', source: 'coscmd', user: 'a' }]), SHARE);
    const f = findings(r, 'share-tencent-credentials')[0];
    expect(f?.remediation.flatMap((m) => m.commands)).toEqual([]);
    expect(f?.remediation[0]?.text).toMatch(/No command is given for .*: its name holds characters/);
  });
});

describe('scan coverage', () => {
  it('a stopped scan, folders cut short and unreadable paths are "could not verify"; no pass then', () => {
    const s = withFindings([], {
      stoppedBy: 'deadline',
      filesRead: 812,
      cutShort: ['C:\\Users\\a\\Documents'],
      skipped: { tooLarge: 0, binary: 0, unreadable: 7, links: 0 },
      unreadable: [{ path: 'C:\\Users\\b', code: 'EACCES' }],
    });
    const r = run(s, SHARE);
    expect(codes(r, 'share-scan-coverage')).toEqual(['scan-stopped:unknown', 'folders-cut-short:unknown', 'unreadable:unknown']);
    expect(findings(r, 'share-scan-coverage').map((f) => f.message)).toEqual([
      'could not verify everything: the scan stopped (time limit) after 812 file(s); what it did not reach may hold secrets',
      'could not verify all of C:\\Users\\a\\Documents: each folder may use only a share of the scan’s budget',
      'could not verify 7 file(s) or folder(s) the scan could not read: C:\\Users\\b, 6 more',
    ]);
    expect(r.verdict).toBe('AT RISK');
  });

  it('dropped hits are a note', () => {
    expect(codes(run(withFindings([], { findingsDropped: 12 }), SHARE), 'share-scan-coverage')).toEqual([
      'findings-dropped:info',
      'scan-complete:pass',
    ]);
  });
});

describe('no report format ever shows a secret whole', () => {
  it.each(FORMATS)('%s', async (format) => {
    const out = await renderReport(run(loadFixture('secrets-on-disk'), SHARE), { format, color: false });
    // The fixture's registry and scan hold only masked values; the report must not widen them.
    expect(out).not.toMatch(/AKID[A-Za-z0-9]{8,}/);
    expect(out).toContain('AKID…kj');
    expect(registryKeys(loadFixture('secrets-on-disk')).length).toBeGreaterThan(0);
  });
});

it('the fixture generator and helpers agree on setKey paths (sanity)', () => {
  const s = machine('share-ready');
  setKey(s, 'HKU\\X\\Environment', { exists: true, values: [] });
  expect(registryKeys(s).some((k) => k.path === 'HKU\\X\\Environment')).toBe(true);
});
