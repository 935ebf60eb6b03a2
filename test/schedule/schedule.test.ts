import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import type { InstallFiles } from '../../src/schedule/install-files.js';
import { quoteArg } from '../../src/schedule/task.js';
import { recording, ReplayRunner, WINDOWS_ENV, type Reply, healthyNetwork } from '../collect/replay.js';

const SCHTASKS = 'C:\\Windows\\System32\\schtasks.exe';
const ICACLS = 'C:\\Windows\\System32\\icacls.exe';
const INSTALLED = 'C:\\Program Files\\image-preflight\\image-preflight.exe';

/** Records what install would copy and create instead of touching the disk. */
class RecordingFiles implements InstallFiles {
  readonly copied: Array<[string, string]> = [];
  readonly made: string[] = [];
  constructor(private readonly existing: readonly string[] = []) {}
  installExecutable(from: string, to: string) {
    this.copied.push([from, to]);
  }
  makeFolder(path: string) {
    this.made.push(path);
    return !this.existing.includes(path);
  }
}
const EVENTCREATE = 'C:\\Windows\\System32\\eventcreate.exe';
const TASK = '\\image-preflight\\health-check';

function env(runner: ReplayRunner, now = new Date(2026, 10, 23, 9, 15)): CliEnv {
  return {
    platform: 'win32',
    stdoutIsTTY: false,
    env: { ...WINDOWS_ENV, ProgramData: 'C:\\ProgramData', ProgramFiles: 'C:\\Program Files' },
    live: {
      runner,
      arch: 'x64',
      pid: 7312,
      tempDir: mkdtempSync(join(tmpdir(), 'ipf-sched-')),
      fileExists: () => true,
      probeNetwork: healthyNetwork,
    },
    self: { command: 'C:\\Tools\\image-preflight.exe', prefixArgs: [] },
    now: () => now,
    installFiles: new RecordingFiles(),
  };
}

/** Captures the task XML that schtasks is given (the file is deleted after the call). */
function capturingSchtasks(into: { xml?: string }): Reply {
  return (req) => {
    const at = req.args.indexOf('/XML');
    const bytes = readFileSync(req.args[at + 1]!);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    into.xml = bytes.subarray(2).toString('utf16le');
    return { exitCode: 0 };
  };
}

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml).Task;

describe('schedule install', () => {
  it('registers a daily task from XML: SYSTEM, highest privileges, no overlap, a time limit', async () => {
    const got: { xml?: string } = {};
    const runner = new ReplayRunner({ schtasks: capturingSchtasks(got), icacls: { exitCode: 0 } });
    const e = env(runner);
    const r = await main(['schedule', 'install'], e);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Installed task \\image-preflight\\health-check: daily at 03:00/);
    expect(r.stdout).toContain(`Program: ${INSTALLED} (in a folder only administrators can change`);
    // The exe goes where only administrators can change it, and the task runs that copy.
    expect((e.installFiles as RecordingFiles).copied).toEqual([['C:\\Tools\\image-preflight.exe', INSTALLED]]);
    // Report and log folders: SYSTEM and Administrators only, by SID (no localized account names).
    const acl = runner.calls.filter((c) => c.file === ICACLS).map((c) => c.args);
    expect(acl).toEqual([
      ['C:\\ProgramData\\image-preflight\\reports', '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q'],
      ['C:\\ProgramData\\image-preflight\\logs', '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q'],
    ]);
    const create = runner.calls.find((c) => c.file === SCHTASKS);
    expect(create?.args).toEqual(['/Create', '/TN', TASK, '/XML', expect.stringMatching(/image-preflight-\w+[\\/]task\.xml$/), '/F']);
    expect(XMLValidator.validate(got.xml!)).toBe(true);
    const task = parse(got.xml!);
    expect(task['@version']).toBe('1.2');
    expect(task.RegistrationInfo.URI).toBe(TASK);
    expect(task.Principals.Principal).toMatchObject({ UserId: 'S-1-5-18', RunLevel: 'HighestAvailable' });
    expect(task.Settings).toMatchObject({
      MultipleInstancesPolicy: 'IgnoreNew',
      ExecutionTimeLimit: 'PT10M',
      StartWhenAvailable: true,
      Enabled: true,
    });
    expect(task.Triggers.CalendarTrigger).toMatchObject({ StartBoundary: '2026-11-23T03:00:00', ScheduleByDay: { DaysInterval: 1 } });
    expect(task.Actions.Exec).toEqual({
      Command: INSTALLED,
      Arguments: 'schedule run --report-dir C:\\ProgramData\\image-preflight\\reports --keep 30',
    });
  });

  it('refuses to register a script run by node.exe: the task would run it as SYSTEM from wherever it lies', async () => {
    const runner = new ReplayRunner({ schtasks: { exitCode: 0 }, icacls: { exitCode: 0 } });
    const e = env(runner);
    e.self = { command: 'C:\\Program Files\\nodejs\\node.exe', prefixArgs: ['C:\\Users\\dev\\image-preflight.cjs'] };
    const r = await main(['schedule', 'install'], e);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^image-preflight: schedule install registers the single executable/);
    expect(runner.calls).toEqual([]);
  });

  it('leaves the permissions of an existing folder the admin named alone, and says so', async () => {
    const runner = new ReplayRunner({ schtasks: { exitCode: 0 }, icacls: { exitCode: 0 } });
    const e = env(runner);
    e.installFiles = new RecordingFiles(['D:\\Share\\reports']);
    const r = await main(['schedule', 'install', '--report-dir', 'D:\\Share\\reports'], e);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Folder D:\\Share\\reports already existed: its permissions were left as they are');
    expect(runner.calls.filter((c) => c.file === ICACLS).map((c) => c.args[0])).toEqual(['C:\\ProgramData\\image-preflight\\logs']);
  });

  it('a failed ACL change stops the install before any task exists', async () => {
    const runner = new ReplayRunner({ schtasks: { exitCode: 0 }, icacls: { exitCode: 5, stderr: Buffer.from('Access is denied.') } });
    const r = await main(['schedule', 'install'], env(runner));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/icacls\.exe failed: exit code 5: Access is denied\./);
    expect(runner.calls.some((c) => c.file === SCHTASKS)).toBe(false);
  });

  it('hourly from a given time, with report folder, retention and config passed to the run', async () => {
    const got: { xml?: string } = {};
    const e = env(new ReplayRunner({ schtasks: capturingSchtasks(got), icacls: { exitCode: 0 } }));
    const r = await main(
      [
        'schedule',
        'install',
        '--every',
        'hourly',
        '--at',
        '07:30',
        '--report-dir',
        'D:\\Reports\\preflight',
        '--keep',
        '48',
        '--config',
        'C:\\cfg\\ipf.json',
      ],
      e,
    );
    expect(r.exitCode).toBe(0);
    const task = parse(got.xml!);
    expect(task.Triggers.TimeTrigger).toMatchObject({
      Repetition: { Interval: 'PT1H', StopAtDurationEnd: false },
      StartBoundary: '2026-11-23T07:30:00',
    });
    expect(task.Actions.Exec.Command).toBe(INSTALLED);
    expect(task.Actions.Exec.Arguments).toBe('schedule run --report-dir D:\\Reports\\preflight --keep 48 --config C:\\cfg\\ipf.json');
  });

  it('an explicit --lang at install is kept by the task and words the confirmation', async () => {
    const got: { xml?: string } = {};
    const r = await main(
      ['schedule', 'install', '--lang', 'pt-BR'],
      env(new ReplayRunner({ schtasks: capturingSchtasks(got), icacls: { exitCode: 0 } })),
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Tarefa \\image-preflight\\health-check instalada: diariamente às 03:00, como SYSTEM/);
    expect(parse(got.xml!).Actions.Exec.Arguments).toMatch(/^schedule run --report-dir .* --keep 30 --lang pt-BR$/);
  });

  it('quotes task arguments the way Windows splits them', () => {
    expect(quoteArg('C:\\Program Files\\x')).toBe('"C:\\Program Files\\x"');
    expect(quoteArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(quoteArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteArg('plain')).toBe('plain');
  });

  it.each([
    [['--at', '25:00'], /--at must be HH:MM \(24-hour\), got "25:00"/],
    [['--keep', '0'], /--keep must be a whole number of at least 1, got 0/],
    [['--every', 'weekly'], /Invalid values: Argument: every/],
  ])('rejects %j with one line, exit 3', async (extra, pattern) => {
    const r = await main(['schedule', 'install', ...extra], env(new ReplayRunner({})));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a schtasks failure with its exit code and message', async () => {
    const runner = new ReplayRunner({
      schtasks: { exitCode: 1, stderr: Buffer.from('ERROR: Access is denied.\r\n') },
      icacls: { exitCode: 0 },
    });
    const r = await main(['schedule', 'install'], env(runner));
    expect(r).toMatchObject({
      exitCode: 3,
      stderr: 'image-preflight: schtasks.exe /Create failed: exit code 1: ERROR: Access is denied.\n',
    });
  });

  it('needs Windows', async () => {
    const r = await main(['schedule', 'status'], { platform: 'linux', stdoutIsTTY: false, env: {} });
    expect(r).toEqual({
      stdout: '',
      stderr: 'image-preflight: scheduling needs Windows (Task Scheduler); use --snapshot FILE elsewhere\n',
      exitCode: 3,
    });
  });
});

describe('schedule remove and status', () => {
  it('removes the task by name', async () => {
    const runner = new ReplayRunner({ schtasks: { exitCode: 0 } });
    expect((await main(['schedule', 'remove'], env(runner))).exitCode).toBe(0);
    expect(runner.calls[0]!.args).toEqual(['/Delete', '/TN', TASK, '/F']);
  });

  it('status: whether the task exists, its schedule, the last run and its verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-reports-'));
    const got: { xml?: string } = {};
    await main(
      ['schedule', 'install', '--every', 'hourly', '--at', '05:00'],
      env(new ReplayRunner({ schtasks: capturingSchtasks(got), icacls: { exitCode: 0 } })),
    );
    writeFileSync(
      join(dir, 'latest.json'),
      JSON.stringify({
        reportVersion: 1,
        tool: { name: 'image-preflight', version: '0.1.0' },
        generatedAt: '2026-11-23T05:00:09.000Z',
        verdict: 'AT RISK',
        counts: { fail: 0, warn: 2, unknown: 0, info: 3, pass: 5 },
        checks: [],
      }),
    );
    writeFileSync(join(dir, '20261123T050009Z.json'), '{}');
    const xmlOut = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(got.xml!, 'utf16le')]);
    const runner = new ReplayRunner({ schtasks: { exitCode: 0, stdout: xmlOut } });
    const r = await main(['schedule', 'status', '--report-dir', dir], env(runner));
    expect(runner.calls[0]!.args).toEqual(['/Query', '/TN', TASK, '/XML', 'ONE']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`installed, every hour from 05:00, runs ${INSTALLED}`);
    expect(r.stdout).toContain('Last run: 2026-11-23T05:00:09.000Z, verdict AT RISK (0 failed, 2 warnings, 0 could not verify)');
    expect(r.stdout).toContain('(1 kept)');
  });

  it('status does not take an exit code 0 without a task definition for "installed"', async () => {
    const r = await main(['schedule', 'status'], env(new ReplayRunner({ schtasks: { exitCode: 0, stdout: Buffer.from('') } })));
    expect(r).toMatchObject({ exitCode: 3, stderr: 'image-preflight: schtasks.exe /Query failed: it printed no task definition\n' });
  });

  it('status exits 1 when the task is not installed', async () => {
    const r = await main(
      ['schedule', 'status', '--report-dir', mkdtempSync(join(tmpdir(), 'ipf-'))],
      env(new ReplayRunner({ schtasks: { exitCode: 1, stderr: Buffer.from('ERROR: The system cannot find the file specified.') } })),
    );
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/not installed/);
  });
});

describe('schedule run (what the task executes)', () => {
  it('keeps history, writes one Event Log entry that says what changed, logs to a rotating file', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'ipf-reports-'));
    const logs = mkdtempSync(join(tmpdir(), 'ipf-logs-'));
    const args = ['schedule', 'run', '--report-dir', reports, '--log-dir', logs];

    // First run: the Chinese server with Huorong running: AT RISK, worded in its UI language (zh-CN).
    const first = new ReplayRunner({
      powershell: { stdout: recording('zh-server-2016', 'powershell.stdout') },
      eventcreate: { exitCode: 0 },
    });
    const r1 = await main(args, env(first, new Date('2026-11-23T03:00:05Z')));
    expect(r1.exitCode).toBe(1);
    expect(first.calls.map((c) => c.file.split('\\').pop())).toEqual(['powershell.exe', 'eventcreate.exe']);
    const ev1 = first.calls[1]!;
    expect(ev1.file).toBe(EVENTCREATE);
    expect(ev1.args.slice(0, 8)).toEqual(['/L', 'APPLICATION', '/T', 'WARNING', '/SO', 'image-preflight', '/ID', '101']);
    expect(ev1.args[8]).toBe('/D');
    expect(ev1.args[9]).toMatch(
      /^image-preflight：有风险（首次运行）。新出现：Huorong Security \(火绒\) 正在运行，可能会拦截镜像创建脚本【警告】。报告：.*20261123T030005Z\.json$/,
    );

    // Second run: the same machine, healthy and now reporting in English: READY, with the recovery
    // named in English, from the previous report's message id rather than its Chinese text.
    const healed = Buffer.from(
      recording('en-server-2019', 'powershell.stdout').toString('utf8').replaceAll('VM-0-12-WINDOWS', 'WIN-HZ-0821'),
    );
    const second = new ReplayRunner({
      powershell: { stdout: healed },
      eventcreate: { exitCode: 0 },
    });
    const r2 = await main(args, env(second, new Date('2026-11-24T03:00:04Z')));
    expect(r2.exitCode).toBe(0);
    expect(second.calls[1]!.args.slice(2, 8)).toEqual(['/T', 'INFORMATION', '/SO', 'image-preflight', '/ID', '100']);
    expect(second.calls[1]!.args[9]).toMatch(
      /^image-preflight: READY \(previous run: AT RISK\)\. Recovered: Huorong Security \(火绒\) is running/,
    );

    expect(readdirSync(reports).sort()).toEqual(['20261123T030005Z.json', '20261124T030004Z.json', 'latest.json']);
    expect(JSON.parse(readFileSync(join(reports, 'latest.json'), 'utf8')).verdict).toBe('READY');
    const logFiles = readdirSync(logs).filter((f) => f.endsWith('.log'));
    expect(logFiles).toHaveLength(1);
    expect(readFileSync(join(logs, logFiles[0]!), 'utf8')).toMatch(/image-preflight: READY \(previous run: AT RISK\)/);
  });

  it('a config that intends sharing makes the scheduled run scan too, with no extra process', async () => {
    const { plantShareTree } = await import('../../scripts/fixtures/share-tree.js');
    const drive = mkdtempSync(join(tmpdir(), 'ipf-sched-drive-'));
    plantShareTree(drive);
    const cfg = join(mkdtempSync(join(tmpdir(), 'ipf-sched-cfg-')), 'config.json');
    writeFileSync(cfg, JSON.stringify({ share: true, shareScan: { root: drive } }));
    const reports = mkdtempSync(join(tmpdir(), 'ipf-reports-'));
    const runner = new ReplayRunner({
      powershell: { stdout: recording('en-server-2019', 'powershell.stdout') },
      eventcreate: { exitCode: 0 },
    });
    const r = await main(
      ['schedule', 'run', '--report-dir', reports, '--log-dir', mkdtempSync(join(tmpdir(), 'ipf-logs-')), '--config', cfg],
      env(runner),
    );
    expect(r.exitCode).toBe(2);
    expect(runner.calls.map((c) => c.file.split('\\').pop())).toEqual(['powershell.exe', 'eventcreate.exe']);
    const latest = JSON.parse(readFileSync(join(reports, 'latest.json'), 'utf8'));
    expect(latest.checks.find((c: { id: string }) => c.id === 'share-private-keys').status).toBe('fail');
    expect(runner.calls[1]!.args[9]).toMatch(/image-preflight: BLOCKED \(first run\)\. New: .*Private key without a passphrase/);
  });

  it('keeps only the newest N reports', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'ipf-reports-'));
    const logs = mkdtempSync(join(tmpdir(), 'ipf-logs-'));
    for (let day = 1; day <= 5; day++) {
      const runner = new ReplayRunner({
        powershell: { stdout: recording('en-server-2019', 'powershell.stdout') },
        eventcreate: { exitCode: 0 },
      });
      await main(
        ['schedule', 'run', '--report-dir', reports, '--log-dir', logs, '--keep', '2'],
        env(runner, new Date(`2026-11-0${day}T03:00:00Z`)),
      );
    }
    expect(readdirSync(reports).sort()).toEqual(['20261104T030000Z.json', '20261105T030000Z.json', 'latest.json']);
  });

  it('a run that cannot write its report leaves an error in the Event Log and exits 3', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'ipf-')), 'file');
    writeFileSync(blocker, 'not a folder');
    const runner = new ReplayRunner({
      powershell: { stdout: recording('en-server-2019', 'powershell.stdout') },
      eventcreate: { exitCode: 0 },
    });
    const r = await main(
      ['schedule', 'run', '--report-dir', join(blocker, 'reports'), '--log-dir', mkdtempSync(join(tmpdir(), 'ipf-logs-'))],
      env(runner),
    );
    expect(r.exitCode).toBe(3);
    const event = runner.calls.find((c) => c.file === EVENTCREATE)!;
    expect(event.args.slice(2, 8)).toEqual(['/T', 'ERROR', '/SO', 'image-preflight', '/ID', '103']);
    expect(existsSync(join(blocker, 'reports'))).toBe(false);
  });
});
