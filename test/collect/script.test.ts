import { describe, expect, it } from 'vitest';
import { REGISTRY_KEY_LIST } from '../../src/catalog/registry-keys.js';
import { COMMAND_LINE_LIMIT, encodeCommand, powershellInvocation, powershellPath } from '../../src/collect/powershell.js';
import { buildCollectionScript } from '../../src/collect/script.js';

describe('collection script', () => {
  it("is pinned: a change to what runs on customers' servers is deliberate (update with vitest -u)", async () => {
    await expect(buildCollectionScript({ stream: false })).toMatchFileSnapshot('./__snapshots__/collect.ps1');
  });
  it('stream and document modes differ only in the switch', () => {
    const doc = buildCollectionScript({ stream: false });
    const stream = buildCollectionScript({ stream: true });
    expect(stream.replace('$IpfStream = $true', '$IpfStream = $false')).toBe(doc);
  });
  it('reads every catalogue registry key and selects the documented service properties', () => {
    const s = buildCollectionScript({ stream: true });
    for (const k of REGISTRY_KEY_LIST) expect(s).toContain(`path = '${k.path}'`);
    expect(s).toContain('Select-Object Name,DisplayName,State,StartMode,PathName,ProcessId,DelayedAutoStart');
    expect(s).toContain('Select-Object Name,ProcessId,ExecutablePath,SessionId');
    expect(s).toContain('[Microsoft.Win32.RegistryView]::Registry64');
    expect(s).toMatch(/-OperationTimeoutSec \$IpfTimeout/);
  });
  it('uses nothing newer than PowerShell 3.0 before its version check', () => {
    const s = buildCollectionScript({ stream: true });
    const check = s.indexOf('if ($PSVersionTable.PSVersion.Major -lt 3)');
    expect(check).toBeGreaterThan(0);
    expect(s.slice(0, check)).not.toMatch(/\[ordered\]|Get-CimInstance|ConvertTo-Json/);
    expect(s).not.toMatch(/::new\(|\s-in\s|\s-notin\s|\$PSItem/);
  });
});

describe('PowerShell invocation', () => {
  it('uses System32 from a 64-bit parent and Sysnative from a 32-bit one on 64-bit Windows', () => {
    expect(powershellPath({ SystemRoot: 'C:\\Windows' }, 'x64')).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(powershellPath({ SystemRoot: 'D:\\WIN', PROCESSOR_ARCHITEW6432: 'AMD64' }, 'ia32')).toBe(
      'D:\\WIN\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(powershellPath({ SystemRoot: 'C:\\Windows' }, 'ia32')).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
  it('encodes as Base64 of UTF-16LE', () => {
    expect(Buffer.from(encodeCommand('Write-Output "é"'), 'base64').toString('utf16le')).toBe('Write-Output "é"');
  });
  it('switches to a temporary .ps1 when the encoded command would not fit the command line', () => {
    const exe = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
    expect(powershellInvocation(exe, buildCollectionScript({ stream: true }), 'C:\\t.ps1').kind).toBe('encoded');
    const big = powershellInvocation(exe, '#'.repeat(COMMAND_LINE_LIMIT / 2), 'C:\\Temp\\x.ps1');
    expect(big).toEqual({
      kind: 'file',
      args: ['-NoProfile', '-NonInteractive', '-NoLogo', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\Temp\\x.ps1'],
      scriptPath: 'C:\\Temp\\x.ps1',
    });
  });
});
