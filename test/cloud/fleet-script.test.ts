// The PowerShell the fleet sends, read as text (no PowerShell here), and the decoding of what it
// prints: a report between markers, the script's own error, a report cut at TAT's 24 KiB limit.
import { describe, expect, it } from 'vitest';
import { decodeTaskOutput } from '../../src/cloud/fleet/output.js';
import { buildFleetScript, ERROR_BEGIN, ERROR_END, fleetCommandContent, REPORT_BEGIN, REPORT_END } from '../../src/cloud/fleet/script.js';

const SHA = 'c209a249'.repeat(8);
const URL = "https://ops-1250000000.cos.ap-guangzhou.myqcloud.com/image-preflight.exe?sign=q-sign-algorithm%3Dsha1&x=it's";

describe('fleet PowerShell command', () => {
  const script = buildFleetScript({ exeUrl: URL, exeSha256: SHA });

  it('embeds the URL and the upper-case hash as single-quoted literals', () => {
    expect(script).toContain(
      `$url = 'https://ops-1250000000.cos.ap-guangzhou.myqcloud.com/image-preflight.exe?sign=q-sign-algorithm%3Dsha1&x=it''s'`,
    );
    expect(script).toContain(`$want = '${SHA.toUpperCase()}'`);
  });

  it('checks the hash before running a download and refuses a mismatch', () => {
    const download = script.indexOf('DownloadFile($url, $tmp)');
    const check = script.indexOf('$got = Get-Sha256 $tmp');
    const refuse = script.indexOf("if ($got -ne $want) { return (New-Failure 'checksum'");
    const install = script.indexOf('Move-Item -LiteralPath $tmp -Destination $exe -Force');
    expect(download).toBeGreaterThan(0);
    expect(check).toBeGreaterThan(download);
    expect(refuse).toBeGreaterThan(check);
    expect(install).toBeGreaterThan(refuse);
    // Only when the exe in place differs.
    expect(script).toContain("if ($want -ne '' -and $have -ne $want) {");
  });

  it('runs the check with --output and prints the report between markers, bytes straight to stdout', () => {
    expect(script).toContain("$psi.Arguments = 'check --format json --compact' + ' --output \"' + $report + '\"'");
    expect(script).toContain(`Send-Text ("\`n${REPORT_BEGIN}\`n")`);
    expect(script).toContain(`Send-Text ("\`n${REPORT_END}\`n")`);
    expect(script).toContain(ERROR_BEGIN);
    expect(script).toContain('[Console]::OpenStandardOutput()');
    expect(script).toContain('exit $result.exitCode');
  });

  it('sticks to PowerShell 3.0: no Get-FileHash, no Invoke-WebRequest, TLS 1.2 switched on', () => {
    expect(script).not.toMatch(/Get-FileHash|Invoke-WebRequest|Invoke-RestMethod|\$PSScriptRoot|\$profile/i);
    expect(script).toContain('[Net.ServicePointManager]::SecurityProtocol -bor 3072');
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
  });

  it('without a URL, runs the exe in place only if it matches, or any exe without a hash', () => {
    const noUrl = buildFleetScript({ exeSha256: SHA });
    expect(noUrl).toContain("$url = ''");
    expect(noUrl).toContain("if ($url -eq '') { return (New-Failure 'checksum'");
    expect(buildFleetScript()).toContain("$want = ''");
  });

  it('refuses unsafe options', () => {
    expect(() => buildFleetScript({ exeUrl: URL })).toThrow(/needs exeSha256/);
    expect(() => buildFleetScript({ exeUrl: 'http://x/y.exe', exeSha256: SHA })).toThrow(/https/);
    expect(() => buildFleetScript({ exeUrl: 'https://x/é.exe', exeSha256: SHA })).toThrow(/ASCII/);
    expect(() => buildFleetScript({ exeSha256: 'abc' })).toThrow(/64 hexadecimal/);
    expect(() => buildFleetScript({ exeArgs: ['check', '--x; rm'] })).toThrow(/quoting/);
  });

  it("fits RunCommand's Content limit as Base64 of UTF-8", () => {
    const content = fleetCommandContent(script);
    expect(Buffer.from(content, 'base64').toString('utf8')).toBe(script);
    expect(content.length).toBeLessThan(64 * 1024);
  });
});

describe('decodeTaskOutput', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const report = { reportVersion: 1, verdict: 'AT RISK', snapshot: { computerName: '网站-01' } };

  it('reads the report between the markers, whatever surrounds it', () => {
    const out = `\uFEFFnoise\r\n\n${REPORT_BEGIN}\n${JSON.stringify(report)}\n${REPORT_END}\n`;
    expect(decodeTaskOutput(b64(out), 0)).toEqual({ kind: 'report', report, json: JSON.stringify(report) });
  });

  it("reads the script's error", () => {
    const out = `\n${ERROR_BEGIN}\n{"stage":"checksum","message":"the downloaded file has SHA-256 AB, expected CD; not run","exitCode":4}\n${ERROR_END}\n`;
    expect(decodeTaskOutput(b64(out), 0)).toEqual({
      kind: 'error',
      stage: 'checksum',
      message: 'the downloaded file has SHA-256 AB, expected CD; not run',
      exitCode: 4,
    });
  });

  it('calls a report without its end marker truncated, never a guessed report', () => {
    const whole = `\n${REPORT_BEGIN}\n${JSON.stringify({ ...report, pad: 'x'.repeat(30_000) })}\n${REPORT_END}\n`;
    const kept = Buffer.from(whole).subarray(0, 24 * 1024);
    expect(decodeTaskOutput(kept.toString('base64'), Buffer.byteLength(whole) - kept.length)).toEqual({
      kind: 'truncated',
      droppedBytes: Buffer.byteLength(whole) - 24 * 1024,
    });
    expect(decodeTaskOutput(kept.toString('base64'), 0)).toMatchObject({ kind: 'truncated' });
  });

  it('calls anything else unreadable, quoting how it begins', () => {
    expect(decodeTaskOutput(b64('image-preflight.exe : The term is not recognized\n'), 0)).toEqual({
      kind: 'unreadable',
      why: 'no report in the output; it begins "image-preflight.exe : The term is not recognized"',
    });
    expect(decodeTaskOutput('', 0)).toEqual({ kind: 'unreadable', why: 'no output' });
    expect(decodeTaskOutput(b64(`${REPORT_BEGIN}\n{"no":1}\n${REPORT_END}`), 0)).toMatchObject({ kind: 'unreadable' });
  });
});
