// Record/replay: each recording of a machine's output must yield the snapshot that machine has, within
// the spawn budget, and pass the core loader.
import { describe, expect, it } from 'vitest';
import { cultureOfLcid } from '../../src/catalog/ui-languages.js';
import { collectSnapshot } from '../../src/collect/collect.js';
import { judge } from '../../src/engine/judge.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { InputError } from '../../src/errors.js';
import { COLLECTOR_FACTS } from '../../src/snapshot/schema.js';
import { validateSnapshot } from '../../src/snapshot/load.js';
import { loadFixture } from '../helpers.js';
import { options, recording, ReplayRunner } from './replay.js';

const verdictOf = (s: Parameters<typeof judge>[0]) => judge(s, resolveConfig()).verdict;
const GROUPS = COLLECTOR_FACTS;

describe('live collection, main path (one PowerShell pass)', () => {
  it.each([
    ['en-server-2019', 'healthy-server-2019', 'READY'],
    ['zh-server-2016', 'chinese-server-2016-huorong', 'AT RISK'],
    ['pt-server-2022', 'portuguese-server-2022', 'READY'],
  ])("%s: the recorded stream becomes the machine's snapshot with one process", async (machine, fixture, verdict) => {
    const runner = new ReplayRunner({ powershell: { stdout: recording(machine, 'powershell.stdout') } });
    const { snapshot, method, processesSpawned } = await collectSnapshot(options(runner));
    expect(method).toBe('powershell');
    expect(processesSpawned).toBe(1);
    expect(runner.calls).toHaveLength(1);
    const expected = loadFixture(fixture);
    for (const g of GROUPS) expect(snapshot[g]).toEqual(expected[g]);
    expect(validateSnapshot(JSON.parse(JSON.stringify(snapshot)))).toBeTruthy();
    expect(verdictOf(snapshot)).toBe(verdict);
    expect(snapshot.collector).toMatchObject({ method: 'powershell', processesSpawned: 1 });
  });

  it('starts 64-bit PowerShell without profile, prompts or an inherited PSModulePath: bootstrap as -EncodedCommand, script on stdin', async () => {
    const runner = new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } });
    await collectSnapshot(
      options(runner, {
        arch: 'ia32',
        env: { SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64', PSModulePath: 'C:\\Program Files\\PowerShell\\7\\Modules' },
      }),
    );
    const call = runner.calls[0]!;
    expect(call.file).toBe('C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(call.args.slice(0, 6)).toEqual(['-NoProfile', '-NonInteractive', '-NoLogo', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const bootstrap = Buffer.from(call.args[6]!, 'base64').toString('utf16le');
    expect(bootstrap).toContain('[ScriptBlock]::Create(($input | Out-String))');
    const script = Buffer.from(call.stdin ?? new Uint8Array()).toString('utf8');
    expect(script).toContain('$IpfStream = $true');
    expect(script).not.toMatch(/[\u0080-\uffff]/);
    expect(Object.keys(call.env ?? {}).map((k) => k.toLowerCase())).not.toContain('psmodulepath');
    expect(call.timeoutMs).toBeLessThanOrEqual(60_000);
  });

  it('a hung WMI provider: the groups already streamed are kept, the native tools fill the rest they can', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: recording('hang', 'powershell.stdout'), timedOut: true, exitCode: null },
      cmd: { stdout: recording('en-server-2019', 'fallback.stdout') },
    });
    const { snapshot, method, processesSpawned } = await collectSnapshot(options(runner, { timeoutMs: 30_000 }));
    expect(method).toBe('powershell');
    expect(processesSpawned).toBe(2);
    // PowerShell gets the budget less a quarter (15 s at most) kept for the native tools.
    expect(runner.calls[0]!.timeoutMs).toBe(22_500);
    // The registry and files came before any WMI query, so a hung WMI provider cannot starve them.
    expect(snapshot.registry).toEqual(loadFixture('healthy-server-2019').registry);
    expect(snapshot.files).toEqual(loadFixture('healthy-server-2019').files);
    const services = snapshot.services as Array<{ Name: string; State: string }>;
    expect(services.find((s) => s.Name === 'QcloudService')).toMatchObject({ State: 'Running' });
    expect(Array.isArray(snapshot.processes)).toBe(true);
    expect(snapshot.licensing).toMatchObject({ collectionError: { code: 'timeout', message: 'PowerShell did not finish within 23 s' } });
    expect(snapshot.collector?.notes).toEqual([
      'PowerShell did not finish within 23 s',
      'filled services, processes from sc.exe, reg.exe and tasklist.exe',
    ]);
    // Beside the English text, the catalogue ids, so a report can word them in the reader's language.
    expect(snapshot.collector?.noteRefs).toEqual([
      { id: 'collector.psTimeout', params: { seconds: 23 } },
      { id: 'collector.filled', params: { groups: 'services, processes' } },
    ]);
    expect(snapshot.licensing).toMatchObject({ collectionError: { messageId: 'collector.psTimeout', params: { seconds: 23 } } });
    const report = judge(snapshot, resolveConfig());
    expect(report.verdict).toBe('AT RISK');
    expect(report.checks.find((c) => c.id === 'security-software')?.status).not.toBe('unknown');
    expect(report.checks.find((c) => c.id === 'windows-licence')?.status).toBe('unknown');
  });

  it('a hang with no fallback either: the report still comes out with what was streamed', async () => {
    const runner = new ReplayRunner({ powershell: { stdout: recording('hang', 'powershell.stdout'), timedOut: true, exitCode: null } });
    const { snapshot } = await collectSnapshot(options(runner, { timeoutMs: 30_000 }));
    expect(Array.isArray(snapshot.registry?.keys)).toBe(true);
    expect(snapshot.services).toMatchObject({ collectionError: { code: 'timeout' } });
    const report = judge(snapshot, resolveConfig());
    expect(report.checks.find((c) => c.id === 'security-software')?.status).toBe('unknown');
    // Checks over the registry still judge: the pending-restart check is not "could not verify".
    expect(report.checks.find((c) => c.id === 'pending-reboot')?.status).toBe('pass');
  });

  it('truncated output: complete lines are kept, the cut line is counted, the rest could not be collected', async () => {
    const runner = new ReplayRunner({ powershell: { stdout: recording('truncated', 'powershell.stdout'), exitCode: -1073741510 } });
    const { snapshot, processesSpawned } = await collectSnapshot(options(runner));
    expect(processesSpawned).toBe(2);
    expect(Object.keys(snapshot.host ?? {})).toContain('computerName');
    expect(snapshot.processes).toMatchObject({ collectionError: { code: 'failed' } });
    expect(snapshot.collector?.notes?.join(' ')).toMatch(/1 line\(s\) of PowerShell output could not be read/);
  });
});

describe('live collection, fallback path (sc.exe, reg.exe, tasklist.exe in one cmd.exe)', () => {
  it('PowerShell 2.0: the script says so, the fallback collects; two processes', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: recording('ps2-server-2008r2', 'powershell.stdout'), exitCode: 3 },
      cmd: { stdout: recording('ps2-server-2008r2', 'fallback.stdout') },
    });
    const { snapshot, method, processesSpawned } = await collectSnapshot(
      options(runner, { env: { SystemRoot: 'C:\\Windows', SystemDrive: 'C:', COMPUTERNAME: 'LEGACY-ERP' } }),
    );
    expect(method).toBe('fallback');
    expect(processesSpawned).toBe(2);
    expect(runner.calls[1]!.file).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(snapshot.host).toMatchObject({
      computerName: 'LEGACY-ERP',
      osCaption: 'Microsoft Windows Server 2008 R2 Enterprise',
      buildNumber: '7601',
      powershellVersion: '2.0',
      elevated: false,
      currentSessionId: 2,
    });
    expect(snapshot.collector?.notes?.join(' ')).toMatch(/PowerShell 2\.0 is too old/);
    const expected = loadFixture('server-2012-r2');
    const services = snapshot.services as Array<Record<string, unknown>>;
    expect(services.map((s) => s.Name)).toEqual((expected.services as Array<{ Name: string }>).map((s) => s.Name));
    const ti = services.find((s) => s.Name === 'TrustedInstaller');
    expect(ti).toMatchObject({ State: 'Stopped', StartMode: 'Manual', PathName: '%SystemRoot%\\servicing\\TrustedInstaller.exe' });
    expect(services.find((s) => s.Name === 'QcloudService')).toMatchObject({ State: 'Running', StartMode: 'Auto' });
    expect(services.some((s) => s.Name === 'disk')).toBe(false);
    expect(snapshot.sessions).toMatchObject({ collectionError: { code: 'not-supported' } });
    expect(validateSnapshot(JSON.parse(JSON.stringify(snapshot)))).toBeTruthy();
  });

  it('Chinese Server 2016 with PowerShell blocked by policy: GBK output decoded, translated labels ignored', async () => {
    const runner = new ReplayRunner({
      powershell: { startError: 'EACCES', exitCode: null },
      cmd: { stdout: recording('zh-server-2016', 'fallback.stdout') },
    });
    const { snapshot, method, processesSpawned } = await collectSnapshot(
      options(runner, { env: { SystemRoot: 'C:\\Windows', COMPUTERNAME: 'WIN-HZ-0821' } }),
    );
    expect(method).toBe('fallback');
    expect(processesSpawned).toBe(2);
    const services = snapshot.services as Array<Record<string, unknown>>;
    expect(services.find((s) => s.Name === 'HipsDaemon')).toMatchObject({
      DisplayName: '火绒安全 - 主程序',
      State: 'Running',
      StartMode: 'Auto',
    });
    expect(services.find((s) => s.Name === 'Schedule')).toMatchObject({ DisplayName: '任务计划程序' });
    const processes = snapshot.processes as Array<Record<string, unknown>>;
    expect(processes.find((p) => p.Name === 'HipsTray.exe')).toMatchObject({ SessionId: 2, ExecutablePath: null });
    expect(snapshot.collector?.notes?.join(' ')).toMatch(/could not start \(EACCES\)/);
    // Without Get-UICulture, the UI language comes from the install language (LCID 0804), so the
    // report speaks Chinese; the fallback's own notes and gaps are worded in Chinese too.
    expect(snapshot.host).toMatchObject({ uiCulture: 'zh-CN' });
    const zh = judge(snapshot, resolveConfig(), { lang: 'zh-CN' });
    expect(zh.snapshot.localizedCollectorNotes[0]).toBe(
      'Windows PowerShell 无法启动（EACCES）；是否被策略阻止？；已改用 sc.exe、reg.exe 和 tasklist.exe 采集',
    );
    expect(zh.checks.find((c) => c.id === 'system-disk-space')?.findings[0]?.localizedMessage).toBe(
      '无法确认：系统盘（systemDisk）：不使用 PowerShell 时无法采集（备用模式）',
    );
    const report = judge(snapshot, resolveConfig());
    expect(report.checks.find((c) => c.id === 'security-software')?.findings.map((f) => f.code)).toContain('third-party-running');
    expect(report.verdict).toBe('AT RISK');
  });

  it('Portuguese Server 2022 fallback: code page 850 decoded', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: Buffer.from(''), exitCode: 1, stderr: Buffer.from('powershell.exe : ...') },
      cmd: { stdout: recording('pt-server-2022', 'fallback.stdout') },
    });
    const { snapshot } = await collectSnapshot(options(runner));
    const services = snapshot.services as Array<Record<string, unknown>>;
    expect(services.find((s) => s.Name === 'TrustedInstaller')).toMatchObject({ DisplayName: 'Instalador de Módulos do Windows' });
    expect(snapshot.host).toMatchObject({ uiCulture: 'pt-BR' });
  });

  it('fallback UI language: a language pack chosen for the system wins over the install language', async () => {
    const withPack = recording('zh-server-2016', 'fallback.stdout')
      .toString('latin1')
      .replace(
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MUI\\Settings\r\n',
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MUI\\Settings\r\n    PreferredUILanguages    REG_MULTI_SZ    id-ID\\0en-US\r\n',
      );
    expect(withPack).toContain('id-ID\\0en-US');
    const runner = new ReplayRunner({
      powershell: { startError: 'EACCES', exitCode: null },
      cmd: { stdout: Buffer.from(withPack, 'latin1') },
    });
    const { snapshot } = await collectSnapshot(options(runner));
    expect(snapshot.host).toMatchObject({ uiCulture: 'id-ID' });
  });

  it('LCIDs map to culture names, and an unknown one to nothing', () => {
    expect(cultureOfLcid('0804')).toBe('zh-CN');
    expect(cultureOfLcid('416')).toBe('pt-BR');
    expect(cultureOfLcid('0421')).toBe('id-ID');
    expect(cultureOfLcid('0C04')).toBe('zh-HK');
    expect(cultureOfLcid('7fff')).toBeUndefined();
    expect(cultureOfLcid(1033)).toBeUndefined();
  });

  it('registry facts from reg.exe match what PowerShell reads', async () => {
    const ps = await collectSnapshot(
      options(new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } })),
    );
    const fb = await collectSnapshot(
      options(new ReplayRunner({ powershell: { startError: 'ENOENT' }, cmd: { stdout: recording('en-server-2019', 'fallback.stdout') } })),
    );
    expect(fb.snapshot.registry).toEqual(ps.snapshot.registry);
  });

  it('garbage from PowerShell falls back rather than failing', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: recording('garbage', 'powershell.stdout'), exitCode: 1 },
      cmd: { stdout: recording('en-server-2019', 'fallback.stdout') },
    });
    const { method, snapshot } = await collectSnapshot(options(runner));
    expect(method).toBe('fallback');
    expect(snapshot.collector?.notes?.join(' ')).toMatch(/produced no usable output \(exit code 1\)/);
  });

  it('no PowerShell on disk: the fallback runs alone, one process', async () => {
    const runner = new ReplayRunner({ cmd: { stdout: recording('en-server-2019', 'fallback.stdout') } });
    const { processesSpawned } = await collectSnapshot(options(runner, { fileExists: () => false }));
    expect(processesSpawned).toBe(1);
    expect(runner.calls.map((c) => c.file)).toEqual(['C:\\Windows\\system32\\cmd.exe']);
  });

  it('a fallback cut short by the timeout still gives a report with what it reached', async () => {
    const full = recording('en-server-2019', 'fallback.stdout');
    const cut = full.subarray(0, full.indexOf('##IPF key 3'));
    const runner = new ReplayRunner({ powershell: { startError: 'ENOENT' }, cmd: { stdout: cut, timedOut: true, exitCode: null } });
    const { snapshot } = await collectSnapshot(options(runner));
    expect(Array.isArray(snapshot.services)).toBe(true);
    expect(snapshot.processes).toMatchObject({ collectionError: { code: 'timeout' } });
    const keys = (snapshot.registry as { keys: Array<{ path: string; error?: string }> }).keys;
    expect(keys[5]!.error).toMatch(/did not finish/);
    expect(judge(snapshot, resolveConfig()).verdict).toBe('AT RISK');
  });

  it('nothing works at all: every group is a collection error, and the report still comes out', async () => {
    const runner = new ReplayRunner({});
    const { snapshot, processesSpawned } = await collectSnapshot(options(runner));
    expect(processesSpawned).toBe(2);
    // Every group the processes collect; Node's own network probes still ran.
    for (const g of GROUPS.filter((name) => name !== 'instance' && name !== 'reachability'))
      expect(snapshot[g]).toHaveProperty('collectionError');
    expect(judge(snapshot, resolveConfig()).verdict).toBe('AT RISK');
  });

  it('refuses to collect on a non-Windows host', async () => {
    await expect(collectSnapshot(options(new ReplayRunner({}), { platform: 'linux' }))).rejects.toThrow(InputError);
  });
});

describe('collected data that does not fit the schema', () => {
  it('loses only its own group, with the reason, and the report still comes out', async () => {
    const lines = recording('en-server-2019', 'powershell.stdout').toString('utf8').split('\n');
    // A machine whose disk query returned something odd: a negative size.
    const odd = lines
      .map((l) =>
        l.startsWith('{"group":"systemDisk"') ? '{"group":"systemDisk","ms":1,"value":{"drive":"C:","sizeBytes":-1,"freeBytes":5}}' : l,
      )
      .join('\n');
    const { snapshot } = await collectSnapshot(options(new ReplayRunner({ powershell: { stdout: Buffer.from(odd) } })));
    expect(snapshot.systemDisk).toMatchObject({
      collectionError: { code: 'parse-error', message: expect.stringMatching(/^unexpected data: systemDisk\.sizeBytes/) },
    });
    expect(Array.isArray(snapshot.services)).toBe(true);
    expect(judge(snapshot, resolveConfig()).checks.find((c) => c.id === 'system-disk-space')?.status).toBe('unknown');
  });
});
