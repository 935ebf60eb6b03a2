// Evidence without leaking (issue 24, item 4): secrets are planted on a system drive and in the
// registry (as both collection paths print them), the whole pipeline runs through the CLI (collect with
// --record and a log file, check live and from the snapshot, every report format, the fleet summary),
// and every artefact it wrote or printed is searched for every planted secret. The masked forms must be
// there (so the search is not vacuous); the secrets never.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, plantedSecrets, plantShareTree } from '../../scripts/fixtures/share-tree.js';
import { REGISTRY_KEY_LIST } from '../../src/catalog/registry-keys.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import { FORMATS } from '../../src/report/render.js';
import { recording, ReplayRunner, WINDOWS_ENV } from '../collect/replay.js';

const ENV_ID = 'AKIDe9Nv8Rk7Tj6Yh5Gf4Ds3Aq2Wz1Xc0Vb9Nm';
const ENV_KEY = 'Zx8Cv7Bn6Ml5Kj4Hg3Fd2Sa1Qw0Er9Ty8Ui';
const ADMIN_SID = 'S-1-5-21-3623811015-3361044348-30300820-500';
const SECRETS = [...plantedSecrets(), ENV_ID, ENV_KEY];

/** The recorded PowerShell stream with credential variables as an unmasking (older, hand-edited) script would print them. */
function powershellWithSecrets(): Buffer {
  const lines = recording('en-server-2019', 'powershell.stdout').toString('utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('{"group":"registry"'));
  const doc = JSON.parse(lines[at]!);
  for (const key of doc.value.keys) {
    if (/Session Manager\\Environment$/.test(key.path)) key.values = [{ name: 'TENCENTCLOUD_SECRET_ID', type: 'REG_SZ', data: ENV_ID }];
    if (key.path === `HKU\\${ADMIN_SID}\\Environment`) key.values = [{ name: 'TENCENTCLOUD_SECRET_KEY', type: 'REG_SZ', data: ENV_KEY }];
  }
  lines[at] = JSON.stringify(doc);
  return Buffer.from(lines.join('\n'));
}

/** The recorded fallback output with reg.exe printing the variables whole. */
function fallbackWithSecrets(): Buffer {
  let text = recording('en-server-2019', 'fallback.stdout').toString('latin1');
  const i = REGISTRY_KEY_LIST.findIndex((k) => k.id === 'machineEnvironment');
  text = text.replace(
    new RegExp(`##IPF key ${i}\\r\\n[\\s\\S]*?##IPF exit \\d+\\r\\n`),
    `##IPF key ${i}\r\n\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\r\n    TENCENTCLOUD_SECRET_ID    REG_SZ    ${ENV_ID}\r\n    TENCENTCLOUD_SECRET_KEY    REG_SZ    ${ENV_KEY}\r\n\r\n##IPF exit 0\r\n`,
  );
  return Buffer.from(text, 'latin1');
}

function windows(runner: ReplayRunner): CliEnv {
  return {
    platform: 'win32',
    stdoutIsTTY: false,
    env: WINDOWS_ENV,
    live: { runner, arch: 'x64', pid: 7312, tempDir: tmpdir(), fileExists: () => true },
  };
}

/** Every file below a folder. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('no artefact of the pipeline holds a planted secret', () => {
  let root: string;
  let out: string;
  const printed: string[] = [];
  const run = async (argv: string[], env: CliEnv, wantExit?: number) => {
    const r = await main(argv, env);
    printed.push(r.stdout, r.stderr);
    if (wantExit !== undefined) expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(wantExit);
    return r;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipf-leak-drive-'));
    plantShareTree(root, { links: true });
    out = mkdtempSync(join(tmpdir(), 'ipf-leak-out-'));
    mkdirSync(join(out, 'reports'));
    const ps = () => new ReplayRunner({ powershell: { stdout: powershellWithSecrets() } });
    const fallback = () => new ReplayRunner({ powershell: { startError: 'ENOENT' }, cmd: { stdout: fallbackWithSecrets() } });
    const snap = join(out, 'snapshot.json');
    const log = ['--log-file', join(out, 'probe.log'), '--verbose'];

    // collect, both paths, each recorded (raw output bytes are kept, credentials masked) and logged.
    await run(['collect', '--share', '--share-root', root, '--output', snap, '--record', join(out, 'rec-ps'), ...log], windows(ps()), 0);
    await run(
      [
        'collect',
        '--share',
        '--share-root',
        root,
        '--output',
        join(out, 'snapshot-fallback.json'),
        '--record',
        join(out, 'rec-fb'),
        '--redact',
        ...log,
      ],
      windows(fallback()),
      0,
    );
    // check from the snapshot, every format, to stdout and to files; and live, both paths.
    for (const format of FORMATS) {
      await run(['check', '--snapshot', snap, '--share', '--format', format], windows(ps()), 2);
      await run(['check', '--snapshot', snap, '--format', format, '--output', join(out, 'reports', `report.${format}`)], windows(ps()), 1);
    }
    await run(
      ['check', '--share', '--share-root', root, '--format', 'json', '--output', join(out, 'reports', 'live.json'), ...log],
      windows(ps()),
      2,
    );
    await run(['check', '--share', '--share-root', root, '--format', 'text', ...log], windows(fallback()), 2);
    // A snapshot judged with a scan of a folder put in (a copy of a disk), on any OS.
    await run(
      ['check', '--snapshot', snap, '--share', '--share-root', root, '--format', 'markdown'],
      { platform: 'linux', stdoutIsTTY: false, env: {} },
      2,
    );
    await run(['summarize', join(out, 'reports'), '--format', 'csv'], windows(ps()), 0);
    await run(['summarize', join(out, 'reports')], windows(ps()), 0);
  });

  it('wrote what it should (the search below has something to search)', () => {
    const files = filesBelow(out);
    expect(files.length).toBeGreaterThan(15);
    expect(files.some((f) => f.includes('rec-ps') && f.endsWith('powershell.stdout'))).toBe(true);
    expect(files.some((f) => f.includes('rec-fb') && f.endsWith('cmd.stdout'))).toBe(true);
    const all = [...files.map((f) => readFileSync(f, 'latin1')), ...printed].join('\n');
    // The masked forms are everywhere they should be: the scan's, the registry's, in every report.
    expect(all).toContain('AKID…kj');
    expect(readFileSync(join(out, 'reports', 'report.json'), 'utf8')).toContain('AKID…kj');
    expect(readFileSync(join(out, 'snapshot.json'), 'utf8')).toContain('"data": "AKID…Nm"');
    expect(readFileSync(join(out, 'snapshot-fallback.json'), 'utf8')).toContain('"data": "Zx8C…Ui"');
    expect(readFileSync(join(out, 'rec-fb', 'cmd.stdout'), 'latin1')).toContain('TENCENTCLOUD_SECRET_KEY    REG_SZ    Zx8C...Ui');
    expect(readFileSync(join(out, 'probe.log'), 'utf8')).toMatch(/share scan of .*: \d+ file\(s\), \d+ bytes, \d+ finding\(s\)/);
  });

  it.each(SECRETS.map((s) => [s]))('%s appears in no file and no output, in any encoding', (secret) => {
    const forms = [secret, JSON.stringify(secret).slice(1, -1)];
    const utf16 = Buffer.from(secret, 'utf16le');
    for (const file of filesBelow(out)) {
      const bytes = readFileSync(file);
      for (const form of forms) expect(bytes.includes(Buffer.from(form, 'utf8')), `${file} holds ${form}`).toBe(false);
      expect(bytes.includes(utf16), `${file} holds it in UTF-16`).toBe(false);
    }
    for (const text of printed) for (const form of forms) expect(text.includes(form)).toBe(false);
  });

  it('nor any 8-character piece of it beyond what masking shows (first 4, last 2)', () => {
    const haystack = [...filesBelow(out).map((f) => readFileSync(f, 'latin1')), ...printed].join('\n');
    for (const secret of SECRETS) {
      for (let i = 1; i + 8 <= secret.length - 2; i++) {
        const piece = secret.slice(i, i + 8);
        expect(haystack.includes(piece), `a piece of ${secret.slice(0, 4)}…: ${piece}`).toBe(false);
      }
    }
  });

  it('the planted tree is still where it was (the scan only reads)', () => {
    expect(statSync(join(root, 'Users', 'Administrator', '.tccli', 'default.credential')).size).toBeGreaterThan(0);
    expect(readFileSync(join(root, 'Users', 'Administrator', '.tccli', 'default.credential'), 'utf8')).toContain(PLANTED.tccliId);
  });
});
