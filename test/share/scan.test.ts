// The share-readiness scan over a planted system drive: every planted secret found where it is, masked,
// none of the look-alikes, links never followed, binary and oversized files skipped, and every budget
// (depth, files, bytes, entries, time, the run's deadline) respected and reported.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOOK_ALIKES, plantedSecrets, plantShareTree } from '../../scripts/fixtures/share-tree.js';
import { scanForSecrets } from '../../src/collect/share-scan/scan.js';
import { SecretsSchema, type Secrets } from '../../src/snapshot/schema.js';

const rel = (root: string, p: string) =>
  p
    .slice(root.length + 1)
    .split(sep)
    .join('/');

describe('scan of a planted system drive', () => {
  let root: string;
  let result: Secrets;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipf-scan-'));
    plantShareTree(root, { links: true });
    result = await scanForSecrets({ root, systemDrive: 'C:' });
  });

  it('finds every planted secret where it is, with its line and masked', () => {
    const lines = result.findings.map(
      (f) => `${f.kind} ${rel(root, f.path)}${f.line ? `:${f.line}` : ''} ${f.masked ?? '-'} [${f.source}]`,
    );
    expect(lines.sort()).toEqual(
      [
        'tencent-secret-id Users/Administrator/.tccli/default.credential:2 AKID…kj [tccli]',
        'tencent-secret-key Users/Administrator/.tccli/default.credential:3 r8Tq…eU [tccli]',
        'tencent-secret-id Users/Administrator/Documents/.cos.conf:2 AKID…f9 [coscmd]',
        'tencent-secret-key Users/Administrator/Documents/.cos.conf:3 Mm1N…1G [coscmd]',
        'tencent-obfuscated Users/Administrator/.cos.yaml:3 3Ij1…lC [coscli]',
        'tencent-obfuscated Users/Administrator/.cos.yaml:4 9Xy8…9S [coscli]',
        'tencent-secret-id Users/Administrator/Desktop/notes.txt:3 AKID…s1 [scan]',
        'tencent-secret-key Users/Administrator/Desktop/notes.txt:4 Hn4B…y4 [scan]',
        'tencent-secret-id Users/Administrator/Documents/keys-utf16.txt:2 AKID…e1 [scan]',
        'tencent-secret-id Windows/System32/config/systemprofile/.tccli/default.credential:1 AKID…u7 [tccli]',
        'tencent-secret-key Windows/System32/config/systemprofile/.tccli/default.credential:1 r8Tq…eU [tccli]',
        'tencent-secret-id inetpub/wwwroot/web.config:2 AKID…t5 [scan]',
        'tencent-temporary-id sites/shop/appsettings.json:3 AKID…Gh [scan]',
        'aws-access-key Users/deploy/.aws/credentials:2 AKIA…DF [aws-cli]',
        'alibaba-access-key Users/deploy/.aliyun/config.json:7 LTAI…7D [aliyun-cli]',
        'azure-token-encrypted Users/deploy/.azure/msal_token_cache.bin - [azure-cli]',
        'private-key Users/Administrator/.ssh/id_rsa:1 MIIE…q7 [ssh]',
        'private-key-encrypted Users/Administrator/.ssh/id_ed25519:1 b3Bl…kJ [ssh]',
        'private-key inetpub/ssl/server.key:1 7qN5…IM [scan]',
        'key-container Users/Administrator/Documents/certs/site.pfx - [scan]',
        'answer-file-password Windows/Panther/unattend.xml:7 Tenc…ss [answer-file]',
        'answer-file-password Windows/Panther/unattend.xml:16 J…7 [answer-file]',
        'answer-file-encoded-password Windows/System32/Sysprep/unattend.xml:2 UABh…== [answer-file]',
        'history-password Users/Administrator/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt:2 H…t [psreadline]',
        'history-password Users/Administrator/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt:4 D…9 [psreadline]',
        'history-password Users/Administrator/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt:6 Tq9W…5K [psreadline]',
        'credential-manager Users/Administrator/AppData/Local/Microsoft/Credentials - [credential-manager]',
        'credential-manager Users/Administrator/AppData/Roaming/Microsoft/Credentials - [credential-manager]',
        'browser-passwords Users/Administrator/AppData/Local/Google/Chrome/User Data/Default/Login Data - [chrome]',
      ].sort(),
    );
    expect(result.findings.filter((f) => f.kind === 'credential-manager').map((f) => f.count)).toEqual([2, 1]);
    expect(result.findings.find((f) => f.path.endsWith('default.credential') && f.user === 'SYSTEM')).toBeDefined();
  });

  it('stores no planted secret and no look-alike, only masked forms', () => {
    const json = JSON.stringify(result);
    for (const secret of [...plantedSecrets(), ...LOOK_ALIKES.filter((l) => l.length > 20)]) expect(json).not.toContain(secret);
    expect(SecretsSchema.safeParse(result).success).toBe(true);
  });

  it('reports what it looked at, and what it skipped: binary, too large, links (never followed)', () => {
    expect(result.scan).toMatchObject({
      profiles: expect.arrayContaining(['Administrator', 'deploy', 'SYSTEM']),
      stoppedBy: null,
      cutShort: [],
      skipped: { tooLarge: 1, binary: 1, unreadable: 0, links: 2 },
      findingsDropped: 0,
    });
    expect(result.scan.tooLarge.map((p) => rel(root, p))).toEqual(['Users/Administrator/Desktop/huge.log']);
    const folders = result.scan.folders.map((p) => (p === root ? '.' : rel(root, p)));
    expect(folders).toEqual(expect.arrayContaining(['Users/Administrator/Desktop', 'inetpub', 'ProgramData', 'sites/shop', '.']));
    // The IIS site on D: is not on the system disk; wwwroot was walked as part of inetpub.
    expect(folders.some((f) => f.includes('wwwroot') || f.includes('data'))).toBe(false);
  });

  it('finds names in any case, as Windows does (a Linux copy of a disk keeps their case)', async () => {
    const r2 = mkdtempSync(join(tmpdir(), 'ipf-scan-case-'));
    mkdirSync(join(r2, 'users', 'ADMIN', '.TCCLI'), { recursive: true });
    writeFileSync(join(r2, 'users', 'ADMIN', '.TCCLI', 'Default.Credential'), `{"secretId": "${plantedSecrets()[0]}"}`);
    mkdirSync(join(r2, 'WINDOWS', 'panther'), { recursive: true });
    writeFileSync(join(r2, 'WINDOWS', 'panther', 'Unattend.XML'), '<AutoLogon><Password><Value>Pa55!word#1</Value></Password></AutoLogon>');
    const r = await scanForSecrets({ root: r2 });
    expect(r.findings.map((f) => `${f.kind} ${f.user ?? '-'}`).sort()).toEqual(['answer-file-password -', 'tencent-secret-id ADMIN']);
  });
});

describe('budgets', () => {
  /** A wide tree of small text files, one of them with a key at the end of the walk. */
  function wideTree(files: number, perDir = 100): string {
    const root = mkdtempSync(join(tmpdir(), 'ipf-scan-wide-'));
    for (let i = 0; i < files; i++) {
      const dir = join(root, 'Users', 'Administrator', 'Documents', `d${Math.floor(i / perDir)}`);
      if (i % perDir === 0) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `f${i}.txt`), `line ${i}\n`);
    }
    return root;
  }

  it('stops at max-files and says so; a folder may use only its share of the budget', async () => {
    const root = wideTree(3000);
    const r = await scanForSecrets({ root, limits: { maxFiles: 1000 } });
    // Documents may read a quarter of the budget (at least 500): it stops there and is named.
    expect(r.scan.filesRead).toBeLessThanOrEqual(1000);
    expect(r.scan.cutShort.map((p) => rel(root, p))).toEqual(['Users/Administrator/Documents']);
    const small = await scanForSecrets({ root, limits: { maxFiles: 40 } });
    expect(small.scan.stoppedBy).toBe('max-files');
    expect(small.scan.filesRead).toBe(40);
  });

  it('stops at max-bytes, max-entries and the time limit', async () => {
    const root = wideTree(600);
    expect((await scanForSecrets({ root, limits: { maxTotalBytes: 2000 } })).scan).toMatchObject({ stoppedBy: 'max-bytes' });
    expect((await scanForSecrets({ root, limits: { maxTotalBytes: 2000 } })).scan.bytesRead).toBeLessThanOrEqual(2000);
    expect((await scanForSecrets({ root, limits: { maxEntries: 50 } })).scan).toMatchObject({ stoppedBy: 'max-entries', entriesSeen: 50 });
    let now = 0;
    // A clock that moves 10 ms per reading: the 200 ms limit is reached after about 20 readings.
    const r = await scanForSecrets({ root, limits: { timeLimitMs: 200 }, clock: () => (now += 10) });
    expect(r.scan.stoppedBy).toBe('deadline');
    expect(r.scan.filesRead).toBeLessThan(600);
  });

  it("ends when the run's deadline fires, mid-walk", async () => {
    const root = wideTree(2000);
    const controller = new AbortController();
    const scan = scanForSecrets({ root, signal: controller.signal });
    controller.abort();
    const r = await scan;
    expect(r.scan.stoppedBy).toBe('deadline');
  });

  it('respects the depth limit and never enters node_modules or .git', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipf-scan-deep-'));
    const id = plantedSecrets()[0];
    const put = (p: string) => {
      mkdirSync(join(root, ...p.split('/').slice(0, -1)), { recursive: true });
      writeFileSync(join(root, ...p.split('/')), `key ${id}\n`);
    };
    put('Users/a/Desktop/1/2/shallow.txt');
    put('Users/a/Desktop/1/2/3/4/deep.txt');
    put('Users/a/Desktop/app/node_modules/pkg/x.txt');
    put('Users/a/Desktop/repo/.git/config');
    const r = await scanForSecrets({ root, limits: { maxDepth: 3 } });
    expect(r.findings.map((f) => rel(root, f.path))).toEqual(['Users/a/Desktop/1/2/shallow.txt']);
  });

  it('keeps at most 50 hits per file and the set maximum of findings, counting the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipf-scan-many-'));
    mkdirSync(join(root, 'Users', 'a', 'Desktop'), { recursive: true });
    const id = plantedSecrets()[0];
    writeFileSync(join(root, 'Users', 'a', 'Desktop', 'log.txt'), `${id}\n`.repeat(80));
    writeFileSync(join(root, 'Users', 'a', 'Desktop', 'log2.txt'), `${id}\n`.repeat(10));
    const r = await scanForSecrets({ root, maxFindings: 55 });
    expect(r.findings).toHaveLength(55);
    expect(r.scan.findingsDropped).toBe(30 + 5);
  });
});
