// fix --apply and restore through the single executable under Wine, where reg.exe is a real program
// with a real registry: throw-away values the plan changes are set in a fresh prefix, the exe applies
// the plan and restores it, and `reg.exe export` of every key it touched must then be byte for byte
// what it was, keys and values that did not exist included. Wine's sc.exe answers query but refuses
// config/start/stop: that refusal must be reported (exit 4), not crashed on; service changes themselves
// are tested against the replayed runner (test/fix/apply-restore.test.ts). Output goes to files (a
// Windows program's stdout on a pipe fails under Wine). Skipped without wine or the exe unless
// IPF_REQUIRE_WINE=1, like test/exe/wine.test.ts.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const EXE = new URL('../../dist/image-preflight.exe', import.meta.url).pathname;
const FIXTURE = new URL('../../fixtures/snapshots/healthy-server-2019.json', import.meta.url).pathname;
const required = process.env.IPF_REQUIRE_WINE === '1';
const hasWine = spawnSync('sh', ['-c', 'command -v wine'], { encoding: 'utf8' }).status === 0;
const available = hasWine && existsSync(EXE);

const dir = mkdtempSync(join(tmpdir(), 'ipf-wine-fix-'));
const prefix = join(dir, 'prefix');
const env = {
  ...process.env,
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
  WINEPREFIX: prefix,
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};
const win = (p: string) => `Z:${p.replace(/\//g, '\\')}`;

let runs = 0;
/** A Windows program under Wine, its output through files. */
function wine(args: string[], timeout = 120_000) {
  runs += 1;
  const out = join(dir, `run-${runs}.out`);
  const err = join(dir, `run-${runs}.err`);
  const o = openSync(out, 'w');
  const e = openSync(err, 'w');
  const r = spawnSync('wine', args, { env, stdio: ['ignore', o, e], timeout });
  closeSync(o);
  closeSync(e);
  return { code: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
}
const exe = (args: string[]) => wine([EXE, ...args, '--lang', 'en']);
const reg = (...args: string[]) => wine(['reg.exe', ...args]);

const POLICIES_SYSTEM = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System';
const WINLOGON = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon';
const WER = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting';
const RELIABILITY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability';
/** Everything fix may touch, exported whole (subkeys included). */
const WATCHED = ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies', WINLOGON, WER, 'HKLM\\SOFTWARE\\Policies'];

/** Each watched key as `reg.exe export` writes it (UTF-16LE, exact), or null when it does not exist. */
function registryState(): Record<string, string | null> {
  const state: Record<string, string | null> = {};
  for (const [i, key] of WATCHED.entries()) {
    const file = join(dir, `export-${runs}-${i}.reg`);
    const r = reg('export', key, win(file), '/y');
    state[key] = r.code === 0 ? readFileSync(file).toString('utf16le') : null;
  }
  return state;
}

const journalDir = () => join(prefix, 'drive_c', 'ProgramData', 'image-preflight', 'fix');

describe.skipIf(!available && !required)('fix --apply and restore through the exe under wine', () => {
  let computerName = '';
  let snapshot = '';

  beforeAll(() => {
    if (!available)
      throw new Error(
        `Windows smoke test required but ${hasWine ? 'dist/image-preflight.exe is missing (npm run build:exe)' : 'wine is not installed (scripts/ensure-wine.sh)'}`,
      );
    // A fresh prefix of its own (Node 22 needs it to say Windows 10).
    spawnSync('wineboot', ['-i'], { env, stdio: 'ignore', timeout: 120_000 });
    expect(spawnSync('wine', ['winecfg', '/v', 'win10'], { env, stdio: 'ignore', timeout: 120_000 }).status).toBe(0);
    computerName = wine(['cmd.exe', '/c', 'echo', '%COMPUTERNAME%']).stdout.trim();
    expect(computerName).toMatch(/^\S+$/);

    // Throw-away values the plan changes: a logon notice with quotes, %, $, a backtick and non-ASCII, of two
    // types; no Windows Error Reporting key; no Reliability policy key.
    for (const [key, name, type, data] of [
      [POLICIES_SYSTEM, 'legalnoticecaption', 'REG_SZ', 'Avis "légal" 100% $x `y` 仅限授权'],
      [POLICIES_SYSTEM, 'legalnoticetext', 'REG_EXPAND_SZ', '%SystemRoot%\\notice.txt'],
      [WINLOGON, 'LegalNoticeCaption', 'REG_SZ', 'Authorised use only'],
    ] as const)
      expect(reg('add', key, '/v', name, '/t', type, '/d', data, '/f').code).toBe(0);
    reg('delete', WER, '/f');
    reg('delete', 'HKLM\\SOFTWARE\\Policies\\Microsoft', '/f');

    // The snapshot the plan is made from: this prefix's computer name and the values above.
    const s = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      host: { computerName: string };
      registry: { keys: Array<{ path: string; exists?: boolean; values?: Array<{ name: string; type: string; data: unknown }> }> };
      services: unknown[];
    };
    s.host.computerName = computerName;
    const set = (path: string, values: Array<{ name: string; type: string; data: unknown }>) => {
      s.registry.keys = s.registry.keys.filter((k) => k.path.toLowerCase() !== path.toLowerCase());
      s.registry.keys.push({ path, values });
    };
    set(POLICIES_SYSTEM, [
      { name: 'EnableLUA', type: 'REG_DWORD', data: 1 },
      { name: 'ConsentPromptBehaviorAdmin', type: 'REG_DWORD', data: 5 },
      { name: 'legalnoticecaption', type: 'REG_SZ', data: 'Avis "légal" 100% $x `y` 仅限授权' },
      { name: 'legalnoticetext', type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\notice.txt' },
    ]);
    set(WINLOGON, [{ name: 'LegalNoticeCaption', type: 'REG_SZ', data: 'Authorised use only' }]);
    // No Reliability policy key, as in the prefix (the fixture has Tencent's ShutdownReasonOn = 0).
    s.registry.keys = s.registry.keys.filter((k) => k.path.toLowerCase() !== RELIABILITY.toLowerCase());
    s.registry.keys.push({ path: RELIABILITY, exists: false });
    snapshot = join(dir, 'snapshot.json');
    writeFileSync(snapshot, JSON.stringify(s));
  }, 240_000);

  // A Wine prefix is 2 GB: keep the outputs beside it for a failure's diagnosis, not the prefix.
  afterAll(() => {
    // wineserver writes the registry back when it exits: stop it before the folder goes.
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore', timeout: 30_000 });
    rmSync(prefix, { recursive: true, force: true });
  });

  it('counts as elevated under Wine (net.exe session exits 0), applies the plan, and restore puts every value and key back exactly', () => {
    const before = registryState();
    expect(before[WER]).toBeNull();

    const applied = exe(['fix', '--snapshot', win(snapshot), '--apply', '--output', win(join(dir, 'apply.txt'))]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const log = readFileSync(join(dir, 'apply.txt'), 'utf8');
    expect(log).toMatch(/done: HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting\\DontShowUI: \(not set\), now REG_DWORD 0x1/);
    expect(log).toMatch(/done: .*Policies\\System\\legalnoticecaption: REG_SZ Avis "légal" 100% \$x `y` 仅限授权, now \(not set\)/);
    expect(log).toMatch(/restore$/m);
    expect(existsSync(join(journalDir(), 'journal.json'))).toBe(true);

    // What the plan changed, seen by Wine's own reg.exe.
    expect(reg('query', WER, '/v', 'DontShowUI').stdout).toMatch(/DontShowUI\s+REG_DWORD\s+0x1/);
    expect(reg('query', RELIABILITY, '/v', 'ShutdownReasonOn').stdout).toMatch(/ShutdownReasonOn\s+REG_DWORD\s+0x0/);
    for (const [key, name] of [
      [POLICIES_SYSTEM, 'legalnoticecaption'],
      [POLICIES_SYSTEM, 'legalnoticetext'],
      [WINLOGON, 'LegalNoticeCaption'],
    ] as const)
      expect(reg('query', key, '/v', name).code).toBe(1);

    const restored = exe(['restore', '--output', win(join(dir, 'restore.txt'))]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(readFileSync(join(dir, 'restore.txt'), 'utf8')).toMatch(/Everything fix changed is back as it was/);
    expect(registryState()).toEqual(before);
    expect(existsSync(join(journalDir(), 'journal.json'))).toBe(false);
    expect(readdirSync(journalDir()).filter((f) => f.startsWith('restored-'))).toHaveLength(1);

    // Idempotent.
    const again = exe(['restore', '--output', win(join(dir, 'again.txt'))]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.txt'), 'utf8')).toMatch(/Nothing to restore/);
  }, 300_000);

  it("reports Wine's sc.exe refusing a service change (exit 4, one FAILED line, no stack), and restore then finds nothing changed", () => {
    expect(wine(['sc.exe', 'create', 'IpfTestSvc', 'binPath=', 'C:\\windows\\notepad.exe', 'start=', 'demand']).code).toBe(0);
    const s = JSON.parse(readFileSync(snapshot, 'utf8')) as { services: Array<Record<string, unknown>> };
    s.services.push({
      Name: 'IpfTestSvc',
      DisplayName: 'IpfTestSvc',
      State: 'Stopped',
      StartMode: 'Manual',
      PathName: 'C:\\windows\\notepad.exe',
      ProcessId: 0,
    });
    const withService = join(dir, 'snapshot-service.json');
    writeFileSync(withService, JSON.stringify(s));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ requiredServices: [{ name: 'IpfTestSvc' }] }));
    const before = registryState();

    const r = exe(['fix', '--snapshot', win(withService), '--config', win(config), '--apply', '--output', win(join(dir, 'refused.txt'))]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('');
    const log = readFileSync(join(dir, 'refused.txt'), 'utf8');
    // Wine's sc.exe refuses config; right after a service is created it sometimes refuses query too.
    expect(log).toMatch(/FAILED: service IpfTestSvc(: demand, Stopped)?: sc\.exe (config|query) failed: exit code \d+/);
    expect(log).toMatch(/Stopped at the first failure/);
    // The agents come first: nothing after the failed step ran.
    expect(registryState()).toEqual(before);

    const restored = exe(['restore', '--output', win(join(dir, 'refused-restore.txt'))]);
    expect(restored.code).toBe(0);
    expect(readFileSync(join(dir, 'refused-restore.txt'), 'utf8')).toMatch(/already so: service IpfTestSvc|Nothing to restore/);
    wine(['sc.exe', 'delete', 'IpfTestSvc']);
  }, 300_000);

  it('a damaged journal is one line and exit 3, and changes nothing', () => {
    writeFileSync(join(journalDir(), 'journal.json'), '{"journalVersion":');
    const before = registryState();
    const r = exe(['restore']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split(/\r?\n/)).toHaveLength(1);
    expect(r.stderr).toMatch(/journal\.json is damaged \(not valid JSON\); nothing was changed/);
    expect(registryState()).toEqual(before);
  }, 120_000);
});
