// Issue 14: the PowerShell pass as Windows PowerShell 5.1 behaves, replayed. The recordings here are
// rendered by the project (scripts/generate/recordings.ts) from Microsoft's documentation and the
// PowerShell sources, not captured on a CVM: docs/field-checks.md lists the commands that would
// capture real ones, which should then replace them.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeClixml } from '../../src/collect/clixml.js';
import { replayNetwork, replayRecording } from '../../src/collect/recording.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { collectSnapshot } from '../../src/collect/collect.js';
import { execRunner } from '../../src/collect/exec-runner.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { judge } from '../../src/engine/judge.js';
import { loadFixture } from '../helpers.js';
import { options, recording, ReplayRunner, WINDOWS_ENV, healthyNetwork } from './replay.js';

const en = recording('en-server-2019', 'powershell.stdout').toString('utf8');
const fallback = recording('en-server-2019', 'fallback.stdout');

describe('the PowerShell pass, replayed from documented behaviour', () => {
  it('constrained language (AppLocker/WDAC): its own marker and reason, then the native tools', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: recording('constrained', 'powershell.stdout'), exitCode: 4 },
      cmd: { stdout: fallback },
    });
    const { snapshot, method, processesSpawned } = await collectSnapshot(options(runner));
    expect(method).toBe('fallback');
    expect(processesSpawned).toBe(2);
    expect(snapshot.collector?.notes?.[0]).toBe(
      'Windows PowerShell runs in ConstrainedLanguage mode (an AppLocker or WDAC policy), where the collection script cannot run; used sc.exe, reg.exe and tasklist.exe instead',
    );
  });

  it('an error nothing caught: the groups before it are kept, the trap says why, the native tools fill the rest', async () => {
    const runner = new ReplayRunner({
      powershell: { stdout: recording('fatal', 'powershell.stdout'), exitCode: 2 },
      cmd: { stdout: fallback },
    });
    const { snapshot, method } = await collectSnapshot(options(runner));
    expect(method).toBe('powershell');
    expect(snapshot.registry).toEqual(loadFixture('healthy-server-2019').registry);
    expect(Array.isArray(snapshot.services)).toBe(true);
    expect(snapshot.collector?.notes).toEqual([
      'the collection script stopped: Exception calling "OpenBaseKey" with "2" argument(s): "Requested registry access is not allowed."',
      'filled services, processes from sc.exe, reg.exe and tasklist.exe',
    ]);
    expect(snapshot.licensing).toMatchObject({ collectionError: { messageId: 'collector.psFatal' } });
  });

  it('CLIXML on stderr (-EncodedCommand, stderr redirected) is decoded into the error a person would read', async () => {
    const runner = new ReplayRunner({
      powershell: { stderr: recording('clixml', 'powershell.stderr'), exitCode: 1 },
      cmd: { stdout: fallback },
    });
    const { snapshot } = await collectSnapshot(options(runner));
    const note = snapshot.collector?.notes?.[0] ?? '';
    expect(note).toMatch(
      /^Windows PowerShell produced no usable output \(exit code 1: Get-CimInstance : The 'Get-CimInstance' command was found in the module 'CimCmdlets', but the module could not be\)/,
    );
    expect(note).not.toContain('CLIXML');
  });

  it('a WMI query that failed in a finished run is filled from the native tools in the same run (two processes)', async () => {
    const failed = en
      .split('\n')
      .map((l) =>
        l.startsWith('{"group":"services"')
          ? '{"group":"services","ms":20012,"value":{"collectionError":{"message":"The WS-Management service cannot complete the operation within the time specified in OperationTimeout.","source":"Win32_Service","code":"timeout","nativeErrorCode":1,"hresult":"80338029"}}}'
          : l,
      )
      .join('\n');
    const runner = new ReplayRunner({ powershell: { stdout: Buffer.from(failed) }, cmd: { stdout: fallback } });
    const { snapshot, processesSpawned } = await collectSnapshot(options(runner));
    expect(processesSpawned).toBe(2);
    expect(Array.isArray(snapshot.services)).toBe(true);
    expect(snapshot.collector?.notes).toEqual(['filled services from sc.exe, reg.exe and tasklist.exe']);
    expect(judge(snapshot, resolveConfig()).verdict).toBe('READY');
  });

  it('records how long each group took on the machine', async () => {
    const { snapshot } = await collectSnapshot(options(new ReplayRunner({ powershell: { stdout: Buffer.from(en) } })));
    expect(snapshot.collector?.groupTimings).toMatchObject({ host: 48, registry: 64, services: 412, licensing: 1893 });
  });
});

describe('CLIXML', () => {
  it('keeps the error text, drops progress records, decodes _xHHHH_ and XML escapes', () => {
    const text =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="x"><Obj S="progress" RefId="0"><MS><PR N="Record"><AV>Preparing modules</AV></PR></MS></Obj><S S="Error">a &lt;b&gt; &amp; _x000D__x000A_</S><S S="Error">c _xD83D__xDE00_ \u4e2d</S></Objs>';
    expect(decodeClixml(text)).toBe('a <b> & \r\nc \u{1F600} \u4e2d');
    expect(decodeClixml('plain error')).toBeUndefined();
  });
});

describe.skipIf(process.platform === 'win32')('stdin through the real runner', () => {
  it('writes the script to stdin and closes it', async () => {
    const r = await execRunner.run({
      file: 'sh',
      args: ['-c', 'cat; echo done'],
      timeoutMs: 5000,
      stdin: Buffer.from('$IpfStream = $true\n'),
    });
    expect(Buffer.from(r.stdout).toString()).toBe('$IpfStream = $true\ndone\n');
  });
  it('a child that never reads stdin is not an error', async () => {
    const r = await execRunner.run({
      file: 'sh',
      args: ['-c', 'echo marker; exit 3'],
      timeoutMs: 5000,
      stdin: Buffer.alloc(4 * 1024 * 1024, 65),
    });
    expect(r.exitCode).toBe(3);
    expect(Buffer.from(r.stdout).toString()).toBe('marker\n');
  });
});

describe('collect --record DIR', () => {
  const win32Env = (runner: ReplayRunner, tempDir: string): CliEnv => ({
    platform: 'win32',
    stdoutIsTTY: false,
    env: { ...WINDOWS_ENV, LANG: 'C' },
    live: { runner, arch: 'x64', pid: 7312, tempDir, fileExists: () => true, probeNetwork: healthyNetwork },
  });

  it('records every probe, and the recording replays through the collector to the same snapshot', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ipf-rec-')), 'recording');
    const runner = new ReplayRunner({
      powershell: { stdout: recording('hang', 'powershell.stdout'), timedOut: true, exitCode: null },
      cmd: { stdout: fallback },
    });
    const r = await main(['collect', '--record', dir, '--timeout', '30'], win32Env(runner, tmpdir()));
    expect(r.exitCode).toBe(0);
    const recorded = JSON.parse(r.stdout) as Snapshot;
    const manifest = JSON.parse(readFileSync(join(dir, 'recording.json'), 'utf8'));
    expect(manifest.probes.map((p: { program: string }) => p.program)).toEqual(['powershell', 'cmd']);
    expect(manifest.probes[0]).toMatchObject({ timedOut: true, exitCode: null, stdinFile: 'powershell.stdin' });
    expect(manifest.environment).toMatchObject({ powershellVersion: '5.1.17763.4252', uiCulture: 'en-US', method: 'powershell' });
    expect(readFileSync(join(dir, 'powershell.stdin'), 'utf8')).toContain('$IpfStream = $true');

    const replayed = await collectSnapshot(
      options(replayRecording(dir), { timeoutMs: manifest.environment.timeoutMs, probeNetwork: replayNetwork(dir) }),
    );
    const stable = (s: Snapshot) => ({ ...s, collectedAt: '', collector: { ...s.collector, durationMs: 0 } });
    expect(stable(replayed.snapshot)).toEqual(stable(recorded));
  });

  it('--redact masks the computer name, users, SIDs and addresses in every file, and still replays', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ipf-rec-')), 'recording');
    const runner = new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } });
    expect((await main(['collect', '--record', dir, '--redact'], win32Env(runner, tmpdir()))).exitCode).toBe(0);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'latin1');
      expect(text, name).not.toMatch(/VM-0-12-WINDOWS/i);
    }
    const { snapshot } = await collectSnapshot(options(replayRecording(dir)));
    expect(snapshot.host).toMatchObject({ computerName: 'REDACTED-HOST', currentUser: 'REDACTED-HOST\\redacted-user' });
    expect(snapshot.sessions).toEqual([{ sessionId: 2, userName: 'REDACTED-HOST\\redacted-user', state: 'Active' }]);
  });

  it('refuses a folder that is not empty, with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-rec-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const runner = new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } });
    const r = await main(['collect', '--record', dir], win32Env(runner, tmpdir()));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`image-preflight: ${dir} is not empty: give --record a new or empty folder\n`);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
