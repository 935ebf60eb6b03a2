// Windows smoke test: the single executable under Debian's wine. Under Wine, a Windows program's
// stdout on a pipe fails, so output goes to files. Skipped when the exe or wine is missing, unless
// IPF_REQUIRE_WINE=1 (the README's full test command and CI set it), where that is a failure.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedSecrets, plantShareTree } from '../../scripts/fixtures/share-tree.js';
import { qcow2Header } from '../inspect/headers.js';

const EXE = new URL('../../dist/image-preflight.exe', import.meta.url).pathname;
const FIXTURES = new URL('../../fixtures/snapshots/', import.meta.url).pathname;
const required = process.env.IPF_REQUIRE_WINE === '1';
const hasWine = spawnSync('sh', ['-c', 'command -v wine'], { encoding: 'utf8' }).status === 0;
const available = hasWine && existsSync(EXE);

const dir = mkdtempSync(join(tmpdir(), 'ipf-wine-'));
// A locale that names no language, so a report's language comes from --lang or the snapshot.
const env = {
  ...process.env,
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
  WINEPREFIX: join(dir, 'prefix'),
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
  // The live check's network probes go to a closed local port, never to Tencent's names on the internet.
  IPF_METADATA_URL: 'http://127.0.0.1:9/latest/meta-data/',
  IPF_KMS_ADDRESS: '127.0.0.1:9',
};
/** Linux path -> the path Wine's Z: drive gives it. */
const win = (p: string) => `Z:${p.replace(/\//g, '\\')}`;

function exe(args: string[], name: string, runEnv: NodeJS.ProcessEnv = env) {
  const out = join(dir, `${name}.out`);
  const err = join(dir, `${name}.err`);
  const o = openSync(out, 'w');
  const e = openSync(err, 'w');
  const r = spawnSync('wine', [EXE, ...args], { env: runEnv, stdio: ['ignore', o, e], timeout: 120_000 });
  closeSync(o);
  closeSync(e);
  return { code: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
}

describe.skipIf(!available && !required)('image-preflight.exe under wine', () => {
  beforeAll(() => {
    if (!available)
      throw new Error(
        `Windows smoke test required but ${hasWine ? 'dist/image-preflight.exe is missing (npm run build:exe)' : 'wine is not installed (scripts/ensure-wine.sh)'}`,
      );
    // A fresh prefix says Windows 7, which Node 22 refuses; make it Windows 10.
    spawnSync('wineboot', ['-i'], { env, stdio: 'ignore', timeout: 120_000 });
    const cfg = spawnSync('wine', ['winecfg', '/v', 'win10'], { env, stdio: 'ignore', timeout: 120_000 });
    expect(cfg.status).toBe(0);
  }, 180_000);

  // A Wine prefix is 2 GB: keep the outputs beside it for a failure's diagnosis, not the prefix.
  afterAll(() => {
    for (const name of ['prefix', 'share-prefix', 'fresh-prefix']) {
      const prefix = join(dir, name);
      // wineserver writes the registry back when it exits: stop it before the folder goes.
      spawnSync('wineserver', ['-k'], { env: { ...env, WINEPREFIX: prefix }, stdio: 'ignore', timeout: 30_000 });
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('prints its version', () => {
    const r = exe(['--version'], 'version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it.each([
    ['healthy-server-2019', 0, 'READY'],
    ['busy-web-server', 1, 'AT RISK'],
    ['safedog-running', 2, 'BLOCKED'],
  ])('judges the bundled %s snapshot: exit %i, %s', (name, code, verdict) => {
    const report = join(dir, `${name}.json`);
    const r = exe(['check', '--snapshot', win(`${FIXTURES}${name}.json`), '--format', 'json', '--output', win(report)], name);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ verdict, exitCode: code, tool: { name: 'image-preflight' } });
  });

  it("keeps V8's code cache in the user's LOCALAPPDATA and answers the same from it", () => {
    const args = (out: string) => ['check', '--snapshot', win(`${FIXTURES}busy-web-server.json`), '--output', win(join(dir, out))];
    expect(exe(args('cc1.txt'), 'cc1').code).toBe(1);
    const local = join(dir, 'prefix', 'drive_c', 'users');
    const found = spawnSync('find', [local, '-name', 'startup-*-check-*.v8cache'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(found).toEqual([
      expect.stringMatching(/AppData\/Local\/image-preflight\/code-cache\/startup-[0-9a-f]{16}-check-v22\.[\d.]+-x64\.v8cache$/),
    ]);
    const made = readFileSync(found[0] ?? '');
    expect(exe(args('cc2.txt'), 'cc2').code).toBe(1);
    // Accepted by the exe's V8, so not written again; the report is the same.
    expect(readFileSync(found[0] ?? '').equals(made)).toBe(true);
    expect(readFileSync(join(dir, 'cc2.txt'), 'utf8')).toBe(readFileSync(join(dir, 'cc1.txt'), 'utf8'));
  });

  it("reports in the snapshot's UI language or in --lang, with its number formats", () => {
    const pt = join(dir, 'pt.txt');
    expect(exe(['check', '--snapshot', win(`${FIXTURES}portuguese-server-2022.json`), '--output', win(pt)], 'pt').code).toBe(0);
    const text = readFileSync(pt, 'utf8');
    expect(text).toContain('PRONTO: a criação da imagem personalizada deve funcionar.');
    expect(text).toMatch(/tem \d+,\d GiB livres de \d+,\d GiB/);
    const zh = join(dir, 'zh.txt');
    expect(exe(['check', '--snapshot', win(`${FIXTURES}safedog-running.json`), '--lang', 'zh-CN', '--output', win(zh)], 'zh').code).toBe(2);
    expect(readFileSync(zh, 'utf8')).toContain('受阻：镜像创建将会失败，请先处理失败项。');
    // yargs' own words come from our catalogues, not from locale files the single exe does not have.
    const help = exe(['--help', '--lang', 'zh-CN'], 'help-zh');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('命令：');
    expect(help.stdout).toContain('显示帮助信息');
    expect(exe(['check', '--bogus', '--lang', 'pt-BR'], 'bogus-pt').stderr).toBe('image-preflight: Argumento desconhecido: bogus\n');
  });

  it('live check without PowerShell ends in a could-not-collect report, not a crash', () => {
    const report = join(dir, 'live.json');
    const r = exe(['check', '--format', 'json', '--output', win(report), '--timeout', '60'], 'live');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.verdict).toBe('AT RISK');
    expect(json.snapshot.collectorMethod).toBe('fallback');
    expect(json.snapshot.collectorNotes.join(' ')).toMatch(/used sc\.exe, reg\.exe and tasklist\.exe instead/);
    const unknown = json.checks.filter((c: { status: string }) => c.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
  }, 150_000);

  it('summarize merges the reports it just wrote; collect --print-script prints the script', () => {
    // The bundled snapshots share one instance id (summarize keys machines on it): three CVMs of a fleet get three.
    const fleetDir = join(dir, 'fleet-reports');
    mkdirSync(fleetDir);
    for (const [i, name] of ['healthy-server-2019', 'busy-web-server', 'safedog-running'].entries()) {
      const report = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
      report.snapshot.instanceId = `ins-fleet00${i}`;
      writeFileSync(join(fleetDir, `${name}.json`), JSON.stringify(report));
    }
    const r = exe(['summarize', win(fleetDir), '--format', 'json', '--output', win(join(dir, 'fleet.out'))], 'summarize');
    expect(r.code).toBe(0);
    const fleet = JSON.parse(readFileSync(join(dir, 'fleet.out'), 'utf8'));
    expect(fleet.byVerdict).toEqual({ READY: 1, 'AT RISK': 1, BLOCKED: 1 });
    const script = exe(['collect', '--print-script', '--output', win(join(dir, 'collect.ps1'))], 'script');
    expect(script.code).toBe(0);
    expect(readFileSync(join(dir, 'collect.ps1'), 'utf8')).toContain('$IpfStream = $false');
  });

  it("schedule status copes with Wine's own schtasks.exe without crashing", () => {
    const r = exe(['schedule', 'status', '--report-dir', win(join(dir, 'reports'))], 'status');
    expect([0, 1, 3]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError/);
    if (r.code === 3) expect(r.stderr.trim().split(/\r?\n/)).toHaveLength(1);
    else expect(r.stdout).toMatch(/Task \\image-preflight\\health-check/);
  });

  it('inspects an image file: the inspection as JSON and in Chinese, a missing file as one line', () => {
    // A hand-made empty 1 GiB qcow2: read through Windows' file API, judged BLOCKED (no partition table).
    const image = join(dir, 'small.qcow2');
    writeFileSync(image, qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 131072n }));
    const json = join(dir, 'inspection.json');
    const r = exe(['inspect', win(image), '--format', 'json', '--output', win(json)], 'inspect');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
      inspectionVersion: 1,
      verdict: 'BLOCKED',
      exitCode: 2,
      image: { path: win(image), format: 'qcow2', virtualSize: 2 ** 30 },
      findings: expect.arrayContaining([expect.objectContaining({ code: 'partition-none', tencentCode: 'PartitionNotPresent' })]),
    });
    const zh = join(dir, 'inspection.zh.txt');
    expect(exe(['inspect', win(image), '--lang', 'zh-CN', '--output', win(zh)], 'inspect-zh').code).toBe(2);
    expect(readFileSync(zh, 'utf8')).toContain('腾讯云导入镜像错误码：PartitionNotPresent（分区信息丢失）');
    const missing = exe(['inspect', 'Z:\\nonexistent\\disk.vhd'], 'inspect-missing');
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split(/\r?\n/)).toEqual([
      'image-preflight: cannot read image file Z:\\nonexistent\\disk.vhd: no such file',
    ]);
  });

  it('writes files for Windows eyes: text, Markdown and CSV in CRLF, CSV with a BOM, JSON in LF without one', () => {
    const at = (name: string) => join(dir, name);
    const snapshot = win(join(FIXTURES, 'updates-installing.json'));
    for (const [format, name] of [
      ['text', 'eol.txt'],
      ['markdown', 'eol.md'],
      ['json', 'eol.json'],
    ] as const)
      expect(exe(['check', '--snapshot', snapshot, '--format', format, '--output', win(at(name))], `eol-${format}`).code).toBe(1);
    const text = readFileSync(at('eol.txt'), 'utf8');
    expect(text).toContain('\r\n');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(readFileSync(at('eol.md'), 'utf8')).not.toMatch(/[^\r]\n/);
    const json = readFileSync(at('eol.json'));
    expect(json[0]).toBe(0x7b);
    expect(json.includes(0x0d)).toBe(false);
    mkdirSync(at('eol-reports'));
    writeFileSync(at('eol-reports/a.json'), json);
    expect(exe(['summarize', win(at('eol-reports')), '--format', 'csv', '--output', win(at('eol.csv'))], 'eol-csv').code).toBe(0);
    const csv = readFileSync(at('eol.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).not.toMatch(/[^\r]\n/);
  });

  it('bad input is one line and exit code 3', () => {
    const r = exe(['check', '--snapshot', 'Z:\\nonexistent\\x.json'], 'bad');
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split(/\r?\n/)).toEqual(['image-preflight: cannot read snapshot Z:\\nonexistent\\x.json: no such file']);
  });

  // Issue 24: the share-readiness scan runs in Node inside the exe, so it works where there is no
  // PowerShell. Secrets are planted in a prefix of its own (files on drive_c, credential variables in the
  // registry with Wine's reg.exe) and a live check --share must find each, masked, and write none whole.
  it('check --share finds the secrets planted in the prefix: files on C:, variables in the registry', () => {
    const shareEnv = { ...env, WINEPREFIX: join(dir, 'share-prefix') };
    const wine = (args: string[]) => spawnSync('wine', args, { env: shareEnv, stdio: 'ignore', timeout: 120_000 });
    expect(wine(['winecfg', '/v', 'win10']).status).toBe(0);
    const driveC = join(shareEnv.WINEPREFIX, 'drive_c');
    const user = readdirSync(join(driveC, 'users')).find((u) => u !== 'Public') ?? 'root';
    // Wine links the profile's Desktop, Documents and Downloads to the Unix home: real folders instead,
    // so nothing is planted in (or scanned from) $HOME.
    for (const folder of ['Desktop', 'Documents', 'Downloads']) {
      const path = join(driveC, 'users', user, folder);
      if (existsSync(path) && lstatSync(path).isSymbolicLink()) rmSync(path);
      mkdirSync(path, { recursive: true });
    }
    plantShareTree(driveC, { user });
    const envId = 'AKIDe9Nv8Rk7Tj6Yh5Gf4Ds3Aq2Wz1Xc0Vb9Nm';
    const envKey = 'Zx8Cv7Bn6Ml5Kj4Hg3Fd2Sa1Qw0Er9Ty8Ui';
    expect(wine(['reg', 'add', 'HKCU\\Environment', '/v', 'TENCENTCLOUD_SECRET_ID', '/d', envId, '/f']).status).toBe(0);
    const machineEnv = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';
    expect(wine(['reg', 'add', machineEnv, '/v', 'TENCENTCLOUD_SECRET_KEY', '/d', envKey, '/f']).status).toBe(0);

    const report = join(dir, 'share.json');
    const log = join(dir, 'share.log');
    const r = exe(
      ['check', '--share', '--format', 'json', '--output', win(report), '--log-file', win(log), '--timeout', '60'],
      'share',
      shareEnv,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const text = readFileSync(report, 'utf8');
    const json = JSON.parse(text);
    expect(json.verdict).toBe('BLOCKED');
    const messages = (id: string): string[] =>
      json.checks
        .find((c: { id: string }) => c.id === id)
        .findings.map((f: { severity: string; message: string }) => `${f.severity} ${f.message}`);
    const home = `C:\\users\\${user}`;
    expect(messages('share-tencent-credentials')).toEqual(
      expect.arrayContaining([
        `fail tccli keeps Tencent Cloud credentials in ${home}\\.tccli\\default.credential: SecretId AKID…kj (line 2), SecretKey r8Tq…eU (line 3)`,
        `fail Tencent Cloud credentials in ${home}\\Desktop\\notes.txt: SecretId AKID…s1 (line 3), SecretKey Hn4B…y4 (line 4)`,
        'fail Environment variable TENCENTCLOUD_SECRET_KEY holds a Tencent Cloud credential Zx8C…Ui (for the whole machine)',
        expect.stringMatching(/^fail Environment variable TENCENTCLOUD_SECRET_ID holds a Tencent Cloud credential AKID…Nm \(for user /),
      ]),
    );
    expect(messages('share-answer-files')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fail Answer file C:\\windows\\Panther\\unattend\.xml holds a password in plain text/i),
      ]),
    );
    expect(messages('share-private-keys')).toEqual(
      expect.arrayContaining([`fail Private key without a passphrase in ${home}\\.ssh\\id_rsa: RSA PRIVATE KEY MIIE…q7 (line 1)`]),
    );
    expect(messages('share-shell-history')).toHaveLength(1);
    // Nothing whole in the report or the log, and the scan started no process (two at most, as always).
    for (const secret of [...plantedSecrets(), envId, envKey]) {
      expect(text).not.toContain(secret);
      expect(readFileSync(log, 'utf8')).not.toContain(secret);
    }
    expect(json.snapshot.collectorMethod).toBe('fallback');
    expect(readFileSync(log, 'utf8')).toMatch(/collected by fallback with [12] process\(es\)/);
  }, 240_000);

  // Issue 13: schedule status once hung for 14 minutes (Wine's schtasks left a process holding the
  // pipes). In a prefix of their own, from its very first run, 20 runs each of `schedule status` and a
  // live `check` must end within their deadline plus the watchdog's margin (and Wine's start-up).
  it('schedule status and a live check end on time, 20 runs each, from the first run of a fresh prefix', () => {
    const fresh = { ...env, WINEPREFIX: join(dir, 'fresh-prefix') };
    const timeoutS = 8;
    // The deadline, the watchdog's 5 s margin, and Wine starting the exe (seconds on a busy machine).
    const limitMs = (timeoutS + 5 + 10) * 1000;
    const setup = spawnSync('wine', ['winecfg', '/v', 'win10'], { env: fresh, stdio: 'ignore', timeout: 120_000 });
    expect(setup.status).toBe(0);
    const durations: Record<string, number[]> = { status: [], check: [] };
    for (let i = 0; i < 20; i++) {
      for (const [name, args] of [
        ['status', ['schedule', 'status', '--timeout', String(timeoutS), '--report-dir', win(join(dir, 'reports'))]],
        ['check', ['check', '--timeout', String(timeoutS), '--format', 'json', '--output', win(join(dir, `deadline-${i}.json`))]],
      ] as const) {
        const out = openSync(join(dir, `${name}-${i}.out`), 'w');
        const started = performance.now();
        const r = spawnSync('wine', [EXE, ...args], { env: fresh, stdio: ['ignore', out, out], timeout: 120_000 });
        durations[name]?.push(Math.round(performance.now() - started));
        closeSync(out);
        expect(r.error, `${name} run ${i}`).toBeUndefined();
        expect([0, 1, 2, 3], `${name} run ${i}`).toContain(r.status);
      }
    }
    for (const [name, list] of Object.entries(durations)) {
      expect(list, `${name} durations (ms)`).toHaveLength(20);
      expect(Math.max(...list), `${name} durations (ms): ${list.join(', ')}`).toBeLessThan(limitMs);
    }
    console.log(`wine deadline runs (ms): ${JSON.stringify(durations)}`);
  }, 1_200_000);
});
