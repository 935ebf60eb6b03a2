// Server 2008 R2 as installed has Windows PowerShell 2.0, and the agent (Node 22) does not run there.
// The route for it: `collect --print-script --batch --output collect.cmd` anywhere, `collect.cmd > facts.txt`
// on the server, `check --snapshot facts.txt` anywhere. The recordings replayed here
// (fixtures/recordings/ps2-server-2008r2/*.out) are rendered by the project itself
// (scripts/generate/recordings.ts) from the whole-machine fixtures, in the bytes cmd.exe's `>` (the OEM
// code page) and Windows PowerShell 2.0's `>` (UTF-16LE with a BOM) leave; no real 2008 R2 machine made
// them. Replace them with files from a real server when one is available (docs/field-checks.md).
import { copyFileSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY_KEY_LIST } from '../../src/catalog/registry-keys.js';
import { buildFallbackBatch } from '../../src/collect/fallback/batch.js';
import { looksLikeBatchOutput } from '../../src/collect/fallback/batch-output.js';
import { snapshotFromBatchOutput } from '../../src/collect/fallback/offline.js';
import { buildCollectionScript, psMessage } from '../../src/collect/script.js';
import { main } from '../../src/commands/main.js';
import { validateSnapshot } from '../../src/snapshot/load.js';
import { carriedByStartupBundle } from '../../src/startup/full-build.js';
import { VERSION } from '../../src/version.js';
import { loadFixture } from '../helpers.js';
import { recording, RECORDINGS } from './replay.js';

const MODIFIED = new Date('2026-11-20T08:30:00Z');
const source = { what: { id: 'what.snapshot' } as const, modifiedAt: MODIFIED };
const file = (name: string) => new URL(`ps2-server-2008r2/${name}`, RECORDINGS).pathname;

async function cli(argv: string[]) {
  return main(argv, { platform: 'linux', stdoutIsTTY: false, env: { LANG: 'C' } });
}

describe('collect --print-script --batch: the batch an admin runs by hand', () => {
  const batch = buildFallbackBatch(REGISTRY_KEY_LIST, { version: VERSION });

  it('is ASCII with CRLF line ends only, as cmd.exe reads a batch file', () => {
    expect(batch).toMatch(/^@echo off\r\n/);
    expect(/[^\t\n\r\x20-\x7e]/.test(batch)).toBe(false);
    expect(batch.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('says what it is and reads the environment before the same sections as the live fallback', () => {
    const lines = batch.split('\r\n');
    const header = lines.find((l) => l.startsWith('echo ##IPF image-preflight-batch'));
    expect(header).toMatch(new RegExp(`^echo ##IPF image-preflight-batch ${VERSION.replace(/\./g, '\\.')} [0-9a-f]{12}$`));
    expect(lines).toEqual(expect.arrayContaining(['set COMPUTERNAME', 'set SystemRoot', 'set SystemDrive']));
    // Every section of the live batch, in the same order, after the header.
    const live = buildFallbackBatch(REGISTRY_KEY_LIST);
    expect(batch.endsWith(live.replace(/^@echo off\r\n/, ''))).toBe(true);
    // Comments carry no redirection or pipe: cmd.exe must not act on them.
    for (const rem of lines.filter((l) => l.startsWith('rem '))) expect(rem).not.toMatch(/[<>|&]/);
  });

  it('is what the command prints, and --output writes it byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-batch-'));
    const out = await cli(['collect', '--print-script', '--batch']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(batch);
    const written = await cli(['collect', '--print-script', '--batch', '--output', join(dir, 'collect.cmd')]);
    expect(written.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'collect.cmd'), 'latin1')).toBe(batch);
  });

  it('--batch alone is a usage error that names the command to run', async () => {
    const r = await cli(['collect', '--batch']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/--batch goes with --print-script: image-preflight collect --print-script --batch --output collect\.cmd/);
  });
});

describe('the batch output, replayed into a snapshot', () => {
  const legacy = loadFixture('server-2012-r2');

  it("cmd.exe's `>` (code page 437): the host from the environment and the registry, services from sc.exe and reg.exe", () => {
    const bytes = recording('ps2-server-2008r2', 'batch-cmd.out');
    expect(looksLikeBatchOutput(bytes)).toBe(true);
    const snapshot = snapshotFromBatchOutput(bytes, source);
    expect(snapshot.collectedAt).toBe(MODIFIED.toISOString());
    expect(snapshot.collector).toMatchObject({ method: 'fallback', version: VERSION });
    expect(snapshot.collector?.notes?.[0]).toMatch(/collected by the batch of native tools/);
    expect(snapshot.collector?.notes).toHaveLength(1);
    expect(snapshot.host).toMatchObject({
      computerName: legacy.host?.computerName,
      osCaption: 'Microsoft Windows Server 2008 R2 Enterprise',
      buildNumber: '7601',
      systemRoot: 'C:\\Windows',
      systemDrive: 'C:',
      elevated: true,
      powershellVersion: null,
      currentSessionId: null,
    });
    const services = snapshot.services as Array<{ Name: string; State: string }>;
    expect(services.map((s) => s.Name)).toEqual((legacy.services as Array<{ Name: string }>).map((s) => s.Name));
    expect(services.find((s) => s.Name === 'QcloudService')).toMatchObject({ State: 'Running', StartMode: 'Auto' });
    expect(snapshot.processes).toHaveLength((legacy.processes as unknown[]).length);
    // What the batch cannot see says so, never "not collected" for no reason.
    expect(snapshot.instance).toMatchObject({ collectionError: { code: 'not-supported', messageId: 'collector.batchNoProbe' } });
    expect(snapshot.licensing).toMatchObject({ collectionError: { code: 'not-supported' } });
    expect(validateSnapshot(JSON.parse(JSON.stringify(snapshot)))).toBeTruthy();
  });

  it("Windows PowerShell 2.0's `>` (UTF-16LE) on a Chinese server: Chinese names arrive whole, the UI language is read", () => {
    const bytes = recording('ps2-server-2008r2', 'batch-powershell-zh.out');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const snapshot = snapshotFromBatchOutput(bytes, source);
    const zh = loadFixture('chinese-server-2016-huorong');
    const names = (s: unknown) => (s as Array<{ Name: string; DisplayName: string }>).map((x) => `${x.Name}=${x.DisplayName}`);
    expect(names(snapshot.services)).toEqual(names(zh.services));
    expect(names(snapshot.services).some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(snapshot.host).toMatchObject({ osCaption: 'Microsoft Windows Server 2008 R2 Enterprise', uiCulture: 'zh-CN' });
  });

  it('a copy taken before the batch finished keeps what it has and says the rest is missing', () => {
    const snapshot = snapshotFromBatchOutput(recording('ps2-server-2008r2', 'batch-cut-short.out'), source);
    expect(snapshot.collector?.notes?.join(' ')).toMatch(/ends before its last section.*not elevated/);
    expect(snapshot.host).toMatchObject({ elevated: false });
    expect(Array.isArray(snapshot.services)).toBe(true);
    expect(snapshot.processes).toMatchObject({ collectionError: { code: 'failed', message: 'tasklist.exe did not run' } });
  });

  it("another version's batch (another registry list) is refused, not misread", () => {
    const text = recording('ps2-server-2008r2', 'batch-cmd.out')
      .toString('latin1')
      .replace(/(image-preflight-batch \S+) [0-9a-f]{12}/, '$1 0123456789ab');
    expect(() => snapshotFromBatchOutput(Buffer.from(text, 'latin1'), source)).toThrow(
      new RegExp(`written by the collection batch of image-preflight ${VERSION.replace(/\./g, '\\.')}, whose registry keys differ`),
    );
    const damaged = text.replace(/(image-preflight-batch) \S+ \S+/, '$1 x');
    expect(() => snapshotFromBatchOutput(Buffer.from(damaged, 'latin1'), source)).toThrow(/its first line is damaged/);
  });
});

describe('check --snapshot on what came back from the server', () => {
  it('judges the batch output like a snapshot, time taken from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-2008r2-'));
    const facts = join(dir, 'facts.txt');
    copyFileSync(file('batch-cmd.out'), facts);
    utimesSync(facts, MODIFIED, MODIFIED);
    const r = await cli(['check', '--snapshot', facts, '--format', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.snapshot).toMatchObject({ collectedAt: MODIFIED.toISOString(), collectorMethod: 'fallback' });
    expect([1, 2]).toContain(r.exitCode);
    expect(r.exitCode).toBe(report.exitCode);
    // The fallback's own finding: what it could not check, and how to get the full pass (WMF 3.0+).
    const completeness = report.checks.find((c: { id: string }) => c.id === 'collection-completeness');
    expect(completeness.findings.map((f: { code: string }) => f.code)).toContain('fallback');
  });

  it('fix --snapshot reads it too', async () => {
    const r = await cli(['fix', '--snapshot', file('batch-cmd.out'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('actions');
  });

  it('the start-up bundle hands such a file to the full bundle, which has the converter', () => {
    expect(carriedByStartupBundle(['check', '--snapshot', 'facts.txt'], () => true)).toBe(false);
    expect(carriedByStartupBundle(['check', '--snapshot', 'snapshot.json'], () => false)).toBe(true);
  });

  it.each([
    [
      'en',
      /Windows PowerShell 2\.0 is too old.*Windows Management Framework 5\.1 from Microsoft \(Win7AndW2K8R2-KB3191566-x64\.zip; needs Service Pack 1 and \.NET Framework 4\.5\.2 or later\).*collect --print-script --batch --output collect\.cmd.*check --snapshot facts\.txt/,
    ],
    ['zh-CN', /Windows PowerShell 2\.0 版本过旧.*Win7AndW2K8R2-KB3191566-x64\.zip.*collect --print-script --batch/],
  ])(
    "the script's PowerShell 2.0 output (saved by 2.0's `>`, UTF-16LE) says what to install or which route to take (%s)",
    async (lang, message) => {
      const r = await cli(['check', '--snapshot', file('script-by-hand.out'), '--lang', lang]);
      expect(r.exitCode).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/run image-preflight on that machine/);
    },
  );
});

describe('the PowerShell script on Windows PowerShell 2.0', () => {
  it('tells the admin on stderr what to install, in their language, and keeps the marker on stdout', () => {
    for (const lang of ['en', 'zh-CN', 'pt-BR', 'id'] as const) {
      const script = buildCollectionScript({ stream: false, lang });
      expect(/[^\t\n\r\x20-\x7e]/.test(script), lang).toBe(false);
      const check = script.slice(script.indexOf('if ($PSVersionTable.PSVersion.Major -lt 3) {'));
      const block = check.slice(0, check.indexOf('\n}\n'));
      expect(block, lang).toMatch(/\[Console\]::Error\.WriteLine\(".*KB3191566.*collect --print-script --batch.*"\)/);
      expect(block, lang).toMatch(/\$\(\$PSVersionTable\.PSVersion\)/);
      expect(block.indexOf('Error.WriteLine'), lang).toBeLessThan(block.indexOf('powershell-too-old'));
    }
  });

  it('builds the message as a PowerShell string that nothing in it can break out of', () => {
    expect(psMessage('a "b" `c` $d 中')).toBe('"a `"b`" ``c`` `$d $([char]0x4e2d)"');
    expect(psMessage('\u0001')).toBe('"$($PSVersionTable.PSVersion)"');
    expect(psMessage('😀')).toBe('"$([char]0xd83d)$([char]0xde00)"');
  });

  it('uses no syntax the PowerShell 2.0 parser rejects, so the version check is reached [U: parsed by a real 2.0]', () => {
    // PowerShell parses a whole file before running it: 3.0's -in/-notin/-shl/-shr and 5.0's class, enum
    // and `using` would fail the parse instead of the check. Casts such as [ordered] fail only when run.
    const script = buildCollectionScript({ stream: false });
    for (const token of [/\s-(not)?in\s/i, /\s-sh[lr]\s/i, /^\s*(class|enum)\s+\w+/im, /^\s*using\s+(namespace|module)\b/im])
      expect(script).not.toMatch(token);
  });
});

describe('the README and the messages agree', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const docs = readFileSync(new URL('../../docs/collection.md', import.meta.url), 'utf8');
  it('both name the batch route and what to install for the PowerShell route', () => {
    for (const text of [readme, docs]) {
      expect(text).toContain('collect --print-script --batch --output collect.cmd');
      expect(text).toContain('collect.cmd > facts.txt');
      expect(text).toContain('check --snapshot facts.txt');
      expect(text).toContain('Win7AndW2K8R2-KB3191566-x64.zip');
    }
  });
});
