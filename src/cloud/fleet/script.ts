// The PowerShell that TAT runs on each Windows CVM (as SYSTEM, through the agent's
// `powershell -ExecutionPolicy Bypass "[Console]::OutputEncoding = UTF8;" <script>.ps1`, stdout and
// stderr into one pipe). The exe lives where `schedule install` puts it, %ProgramFiles%\image-preflight
// (the 64-bit folder also from a 32-bit PowerShell): only administrators can write there, so no user
// can plant or swap the program SYSTEM runs (under %ProgramData% any user may create the folder first).
// It gets the exe when its SHA-256 differs from the expected one, refuses a
// download whose hash is wrong, runs the check with --output to a file (so nothing else on stdout or
// stderr can mix into the JSON), and writes the report's bytes between two marker lines straight to
// the stdout handle, past PowerShell's encoders. Anything that goes wrong is written as a small JSON
// error between other markers. PowerShell 3.0+ and .NET 4.5 (Server 2012 R2 and later, like the exe):
// no Get-FileHash, no Invoke-WebRequest, no profile.
import { CloudError } from '../errors.js';
import { TAT_CONTENT_MAX_BASE64 } from '../limits.js';

export const REPORT_BEGIN = '-----BEGIN IMAGE-PREFLIGHT REPORT-----';
export const REPORT_END = '-----END IMAGE-PREFLIGHT REPORT-----';
export const ERROR_BEGIN = '-----BEGIN IMAGE-PREFLIGHT ERROR-----';
export const ERROR_END = '-----END IMAGE-PREFLIGHT ERROR-----';

/** Exit codes of the script itself, beside the exe's own 0 READY, 1 AT RISK, 2 BLOCKED, 3 could not run. */
export const SCRIPT_EXIT = { CHECKSUM: 4, MISSING: 5, SCRIPT: 6 } as const;

export const DEFAULT_EXE_ARGS = ['check', '--format', 'json', '--compact'] as const;

export interface FleetScriptOptions {
  /** https URL of image-preflight.exe (a pre-signed COS URL); needs `exeSha256`. */
  exeUrl?: string;
  /** Expected SHA-256 of the exe, 64 hex digits. Without a URL, an exe already in place must match it. */
  exeSha256?: string;
  /** Arguments before `--output <file>`; default `check --format json --compact`. */
  exeArgs?: readonly string[];
}

/** A PowerShell single-quoted literal: only ' (and its typographic forms) need doubling. */
function psLiteral(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

export function validateFleetScriptOptions(opts: FleetScriptOptions): void {
  const bad = (message: string) => new CloudError('invalid-parameter', message);
  if (opts.exeSha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(opts.exeSha256)) throw bad('exeSha256 must be 64 hexadecimal digits');
  if (opts.exeUrl !== undefined) {
    if (opts.exeSha256 === undefined) throw bad('exeUrl needs exeSha256: a download is run only after its hash is checked');
    let url: URL;
    try {
      url = new URL(opts.exeUrl);
    } catch {
      throw bad('exeUrl is not a URL');
    }
    if (url.protocol !== 'https:') throw bad('exeUrl must be an https:// URL');
    // Printable ASCII only: a URL with other characters is not percent-encoded and would not survive the script.
    if (!/^[\x21-\x7e]+$/.test(opts.exeUrl)) throw bad('exeUrl must be percent-encoded printable ASCII');
  }
  for (const arg of opts.exeArgs ?? DEFAULT_EXE_ARGS) {
    if (!/^[A-Za-z0-9._=:-]+$/.test(arg)) throw bad(`exe argument "${arg}" has characters that would need quoting`);
  }
}

export function buildFleetScript(opts: FleetScriptOptions = {}): string {
  validateFleetScriptOptions(opts);
  const url = opts.exeUrl ?? '';
  const want = (opts.exeSha256 ?? '').toUpperCase();
  const args = (opts.exeArgs ?? DEFAULT_EXE_ARGS).join(' ');
  return `# image-preflight fleet run (generated). Gets image-preflight.exe if its SHA-256 differs from the
# expected one, runs the check, and prints the JSON report between marker lines.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$url = ${psLiteral(url)}
$want = ${psLiteral(want)}
$programFiles = $env:ProgramW6432
if (-not $programFiles) { $programFiles = $env:ProgramFiles }
$dir = Join-Path $programFiles 'image-preflight'
$exe = Join-Path $dir 'image-preflight.exe'
$stdout = [Console]::OpenStandardOutput()

function Send-Bytes([byte[]]$bytes) {
  $stdout.Write($bytes, 0, $bytes.Length)
  $stdout.Flush()
}

function Send-Text([string]$text) {
  Send-Bytes ([Text.Encoding]::UTF8.GetBytes($text))
}

function Get-Sha256([string]$path) {
  $alg = [Security.Cryptography.SHA256]::Create()
  $stream = [IO.File]::OpenRead($path)
  try { $hash = $alg.ComputeHash($stream) } finally { $stream.Dispose(); $alg.Dispose() }
  return (($hash | ForEach-Object { $_.ToString('X2') }) -join '')
}

function New-Failure([string]$stage, [string]$message, [int]$code) {
  return @{ stage = $stage; message = $message; exitCode = $code }
}

function Invoke-Preflight {
  if (-not (Test-Path -LiteralPath $dir)) { New-Item -ItemType Directory -Path $dir -Force | Out-Null }
  $have = $null
  if (Test-Path -LiteralPath $exe) { $have = Get-Sha256 $exe }
  if ($want -ne '' -and $have -ne $want) {
    if ($url -eq '') { return (New-Failure 'checksum' ('image-preflight.exe at ' + $exe + ' has SHA-256 ' + $have + ', expected ' + $want) ${SCRIPT_EXIT.CHECKSUM}) }
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor 3072
    $tmp = Join-Path $dir ('image-preflight.' + [Guid]::NewGuid().ToString('N') + '.download')
    try {
      (New-Object Net.WebClient).DownloadFile($url, $tmp)
      $got = Get-Sha256 $tmp
      if ($got -ne $want) { return (New-Failure 'checksum' ('the downloaded file has SHA-256 ' + $got + ', expected ' + $want + '; not run') ${SCRIPT_EXIT.CHECKSUM}) }
      Move-Item -LiteralPath $tmp -Destination $exe -Force
    } finally {
      if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Force }
    }
  } elseif ($null -eq $have) {
    return (New-Failure 'missing' ('image-preflight.exe is not at ' + $exe + ' and no download URL was given') ${SCRIPT_EXIT.MISSING})
  }
  $report = Join-Path $dir ('fleet-report.' + [Guid]::NewGuid().ToString('N') + '.json')
  $psi = New-Object Diagnostics.ProcessStartInfo
  $psi.FileName = $exe
  $psi.Arguments = ${psLiteral(args)} + ' --output "' + $report + '"'
  $psi.UseShellExecute = $false
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $psi.CreateNoWindow = $true
  $p = [Diagnostics.Process]::Start($psi)
  $stderr = $p.StandardError.ReadToEndAsync()
  [void]$p.StandardOutput.ReadToEnd()
  $p.WaitForExit()
  $code = $p.ExitCode
  if (Test-Path -LiteralPath $report) {
    $bytes = [IO.File]::ReadAllBytes($report)
    Remove-Item -LiteralPath $report -Force
    return @{ report = $bytes; exitCode = $code }
  }
  $first = @($stderr.Result -split '\\r?\\n' | Where-Object { $_.Trim() -ne '' })
  $why = 'no output'
  if ($first.Count -gt 0) { $why = $first[0] }
  if ($code -eq 0) { $code = 3 }
  return (New-Failure 'run' ('image-preflight.exe exited with code ' + $code + ' without a report: ' + $why) $code)
}

try {
  $result = Invoke-Preflight
} catch {
  $result = New-Failure 'script' $_.Exception.Message ${SCRIPT_EXIT.SCRIPT}
}
if ($result.ContainsKey('report')) {
  Send-Text ("\`n${REPORT_BEGIN}\`n")
  Send-Bytes $result.report
  Send-Text ("\`n${REPORT_END}\`n")
} else {
  $json = (New-Object PSObject -Property @{ stage = $result.stage; message = $result.message; exitCode = $result.exitCode }) | ConvertTo-Json -Compress
  Send-Text ("\`n${ERROR_BEGIN}\`n" + $json + "\`n${ERROR_END}\`n")
}
exit $result.exitCode
`;
}

/** RunCommand's Content: the script as Base64 of UTF-8 (the agent adds the BOM for PowerShell). */
export function fleetCommandContent(script: string): string {
  const content = Buffer.from(script, 'utf8').toString('base64');
  if (content.length > TAT_CONTENT_MAX_BASE64)
    throw new CloudError(
      'invalid-parameter',
      `the TAT command is ${content.length} bytes in Base64; RunCommand allows ${TAT_CONTENT_MAX_BASE64}`,
    );
  return content;
}
