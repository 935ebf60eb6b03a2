// The collection script as Windows PowerShell 5.1 runs it (issue 14). Nothing here can run PowerShell
// (none exists on this Linux machine), so these pin the script's text against the documented
// behaviour; the replay tests in collect.test.ts and powershell-pass.test.ts rest on recordings
// rendered by the project from that same documentation until real CVMs replace them
// (docs/field-checks.md).
import { describe, expect, it } from 'vitest';
import { REGISTRY_KEY_LIST } from '../../src/catalog/registry-keys.js';
import { COMMAND_LINE_LIMIT, encodeCommand, powershellArgs, powershellEnv, powershellPath } from '../../src/collect/powershell.js';
import { BOOTSTRAP, buildCollectionScript, collectionInput } from '../../src/collect/script.js';

const exe = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const doc = buildCollectionScript({ stream: false });
const stream = buildCollectionScript({ stream: true, budgetSeconds: 45 });
/** The script without its comments: what PowerShell runs. */
const code = doc
  .split('\n')
  .filter((l) => !l.trim().startsWith('#'))
  .join('\n');

describe('collection script', () => {
  it("is pinned: a change to what runs on customers' servers is deliberate (update with vitest -u)", async () => {
    await expect(doc).toMatchFileSnapshot('./__snapshots__/collect.ps1');
  });

  it('stream and document modes differ only in the switch (and the time budget the agent gives)', () => {
    expect(buildCollectionScript({ stream: true, budgetSeconds: 300 }).replace('$IpfStream = $true', '$IpfStream = $false')).toBe(doc);
  });

  it('is pure ASCII, so whatever code page PowerShell reads stdin with, the script arrives unchanged', () => {
    expect(stream).not.toMatch(/[\u0080-\uffff]/);
    expect(doc).not.toMatch(/[\u0080-\uffff]/);
  });

  it('the command line holds only the bootstrap: far below the 32,767-character limit (a test fails above 26k)', () => {
    const args = powershellArgs(BOOTSTRAP);
    const length = exe.length + args.reduce((n, a) => n + a.length + 3, 0);
    expect(length).toBeLessThan(26_000);
    expect(length).toBeLessThan(COMMAND_LINE_LIMIT);
    expect(args.slice(0, 6)).toEqual(['-NoProfile', '-NonInteractive', '-NoLogo', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
  });

  it('the bootstrap checks the version and the language mode before it reads and runs the script from stdin', () => {
    const lines = BOOTSTRAP.split('\n');
    expect(lines[1]).toMatch(/^if \(\$PSVersionTable\.PSVersion\.Major -lt 3\)/);
    expect(lines[2]).toMatch(/^if \(\$ExecutionContext\.SessionState\.LanguageMode -ne 'FullLanguage'\)/);
    expect(lines[3]).toBe('& ([ScriptBlock]::Create(($input | Out-String)))');
  });

  it('reads every catalogue registry key, from its JSON input block', () => {
    const input = collectionInput(60);
    expect(input.registry.map((k) => k.path)).toEqual(REGISTRY_KEY_LIST.map((k) => k.path));
    for (const k of REGISTRY_KEY_LIST) expect(doc).toContain(JSON.stringify(k.path));
  });

  it('checks the PowerShell version and then the language mode before anything either would break', () => {
    const version = code.indexOf('if ($PSVersionTable.PSVersion.Major -lt 3)');
    const language = code.indexOf("if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage')");
    expect(version).toBeGreaterThan(0);
    expect(language).toBeGreaterThan(version);
    expect(code.slice(0, version)).not.toMatch(/\[ordered\]|Get-CimInstance|ConvertTo-Json|\[[A-Z][\w.]*\]::/);
    // Nothing outside PowerShell's core types before the language check (constrained language refuses them).
    // (The version check's own block runs only on 2.0, never in constrained language: its stderr line may.)
    const versionBlock = code.slice(version, code.indexOf('\n}\n', version));
    expect(versionBlock).toMatch(/\[Console\]::Error\.WriteLine/);
    expect(code.slice(0, language).replace(versionBlock, '')).not.toMatch(/\[(?!string|int)[\w.]+\]|New-Object/);
    expect(code).not.toMatch(/::new\(|\s-in\s|\s-notin\s|\$PSItem/);
  });

  it('prints only ASCII: every group and the document go through ConvertTo-AsciiJson; no code page is changed', () => {
    expect(code).toContain('function ConvertTo-AsciiJson([string]$Json)');
    const outputs = code.split('\n').filter((l) => /Write-Output/.test(l));
    for (const l of outputs)
      expect(l).toMatch(/Write-Output \((ConvertTo-AsciiJson|'\{"imagePreflightCollector":)|Write-Output '\{"done":true\}'/);
    expect(code).not.toMatch(/OutputEncoding\s*=|OpenStandardOutput|chcp/);
  });

  it('turns any error nothing else caught into one JSON line (a top-level trap)', () => {
    expect(code).toMatch(/^trap \{/m);
    expect(code).toContain("imagePreflightCollector = 'fatal'");
  });

  it('gathers the registry, files and host facts without WMI before any WMI query, and licensing last', () => {
    const at = (s: string) => code.indexOf(s);
    const firstCim = at('Get-CimInstance -ClassName Win32_Service');
    expect(at("Collect-Group 'host' 'host'")).toBeLessThan(firstCim);
    expect(at("Collect-Group 'registry'")).toBeLessThan(firstCim);
    expect(at("Collect-Group 'files'")).toBeLessThan(firstCim);
    expect(at("Collect-Group 'licensing'")).toBeGreaterThan(at("Collect-Group 'systemDisk'"));
    // Started in the background at the beginning, collected at the end.
    expect(at('$IpfLicenceWait = $IpfLicence.BeginInvoke()')).toBeLessThan(firstCim);
  });

  it('names the properties of every CIM query and gives each the time left', () => {
    const queries = code.split('\n').filter((l) => l.includes('Get-CimInstance'));
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const q of queries) expect(q).toMatch(/-Property .* -OperationTimeoutSec \$(Ipf\.cimTimeout|t)\b/);
  });

  it('finds sessions from the processes already read, by owner SID, skipping system and window-manager accounts', () => {
    expect(code).not.toMatch(/Get-CimInstance -ClassName Win32_Process -Filter/);
    expect(code).toContain('-MethodName GetOwnerSid');
    expect(code).toContain("'^S-1-5-(18|19|20|90-0-\\d+|96-0-\\d+)$'");
  });

  it("reports the system UI language (InstalledUICulture) beside the user's", () => {
    expect(code).toContain('uiCulture = [Globalization.CultureInfo]::InstalledUICulture.Name; userUiCulture = (Get-UICulture).Name');
  });

  it('classifies CIM errors from NativeErrorCode and the HRESULT, never from the message', () => {
    expect(code).toContain('$native = [int]$e.NativeErrorCode');
    expect(code).toMatch(/if \(\$native -eq 2 -or \$hr -eq '80041003'/);
    expect(code).not.toMatch(/\$e\.HResult/);
  });

  it('keeps else on the line of its closing brace (safer for every PowerShell host)', () => {
    expect(code).not.toMatch(/^\s*(else|elseif)\b/m);
  });
});

describe('PowerShell invocation', () => {
  it('uses System32 from a 64-bit parent and Sysnative from a 32-bit one on 64-bit Windows', () => {
    expect(powershellPath({ SystemRoot: 'C:\\Windows' }, 'x64')).toBe(exe);
    expect(powershellPath({ SystemRoot: 'D:\\WIN', PROCESSOR_ARCHITEW6432: 'AMD64' }, 'ia32')).toBe(
      'D:\\WIN\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(powershellPath({ SystemRoot: 'C:\\Windows' }, 'ia32')).toBe(exe);
  });

  it('encodes as Base64 of UTF-16LE', () => {
    expect(Buffer.from(encodeCommand('Write-Output "é"'), 'base64').toString('utf16le')).toBe('Write-Output "é"');
  });

  it('starts PowerShell without an inherited PSModulePath, in any spelling (pwsh 7 parents put theirs first)', () => {
    const env = powershellEnv({
      Path: 'C:\\Windows',
      PSModulePath: 'C:\\Program Files\\PowerShell\\7\\Modules',
      psmodulepath: 'x',
      PSModulePATH: 'y',
    });
    expect(env).toEqual({ Path: 'C:\\Windows' });
  });
});
