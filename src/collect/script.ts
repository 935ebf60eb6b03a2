// The PowerShell collection script. One text for two uses, differing only in $IpfStream:
//  - stream mode (the agent): one JSON line per fact group as soon as it is collected, so a run that is
//    cut short still yields every group finished before it. The agent passes it on stdin to a small
//    -EncodedCommand bootstrap (BOOTSTRAP), so the catalogues can grow without the command line
//    growing (Windows allows 32,767 characters; the script alone would need more, Base64-encoded);
//  - document mode (`collect --print-script`): one snapshot document, for an admin to run by hand.
// What the script reads (registry keys, files, its time budget) is a JSON block inside it. The text is
// pure ASCII, so no code page can change it on its way in. Written for Windows PowerShell 3.0+; on 2.0,
// and in constrained language mode (AppLocker/WDAC), it prints a marker and stops so the agent falls
// back to sc.exe/reg.exe. test/collect/script.test.ts pins the document-mode text: change it deliberately.
import { DEFAULT_AGENTS } from '../catalog/agents.js';
import { CLOUDBASE_INIT_SETTINGS, FILE_PROBES } from '../catalog/file-probes.js';
import { MAX_KEYS_PER_TREE, REGISTRY_KEY_LIST } from '../catalog/registry-keys.js';
import { VERSION } from '../version.js';
import { SECRET_SHAPES } from './share-scan/mask.js';

/** Printed instead of a snapshot when the script cannot run: its `imagePreflightCollector` field says why. */
export const COLLECTOR_MARKER = 'imagePreflightCollector';

/** Seconds each CIM query may take before it becomes a could-not-collect fact (at most; less when the budget is short). */
export const CIM_TIMEOUT_SECONDS = 20;

/** Seconds a hand-run (document mode) collection may take. */
const DOCUMENT_BUDGET_SECONDS = 300;

export interface CollectionInput {
  /** Seconds the whole script may take; each group gets what is left. */
  budgetSeconds: number;
  registry: Array<{
    path: string;
    values: string[] | null;
    subkeys: boolean;
    depth: number;
    childValues: string[] | null;
    redact: string[];
    /** With a `*` segment: the subkey names it stands for (a regular expression). */
    match?: string;
    /** Values that may hold a secret: read masked (Protect-Secret). */
    mask?: boolean;
  }>;
  maxKeysPerTree: number;
  files: string[];
  /** Services whose program file must exist: the agents', by service name or name prefix. */
  agentServices: { names: string[]; prefixes: string[] };
  /** The settings of cloudbase-init.conf worth reading; nothing else of the file is collected. */
  cloudbaseInitSettings: string[];
  /** How a masked value's shape is told (share-scan/mask.ts): the same patterns as in Node. */
  secretShapes: ReadonlyArray<{ shape: string; pattern: string }>;
}

export function collectionInput(budgetSeconds: number): CollectionInput {
  return {
    budgetSeconds,
    registry: REGISTRY_KEY_LIST.map((k) => ({
      path: k.path,
      values: k.values ?? null,
      subkeys: k.subkeys ?? false,
      depth: k.depth ?? 0,
      childValues: k.childValues ?? null,
      redact: k.redact ?? [],
      ...(k.match ? { match: k.match } : {}),
      ...(k.mask ? { mask: true } : {}),
    })),
    maxKeysPerTree: MAX_KEYS_PER_TREE,
    files: [...FILE_PROBES],
    agentServices: {
      names: DEFAULT_AGENTS.flatMap((a) => a.serviceNames ?? []),
      prefixes: DEFAULT_AGENTS.flatMap((a) => [...(a.serviceNamePrefixes ?? []), ...(a.displayNamePrefixes ?? [])]),
    },
    cloudbaseInitSettings: [...CLOUDBASE_INIT_SETTINGS],
    secretShapes: SECRET_SHAPES,
  };
}

/** JSON with every non-ASCII character escaped: the script stays ASCII whatever the catalogues hold. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value, null, 1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * What -EncodedCommand runs: the version and language-mode checks (before anything they would break),
 * then the script from stdin. PowerShell feeds redirected stdin to $input line by line, the way
 * Ansible's Windows exec wrapper reads its payload; [ScriptBlock]::Create needs full language mode,
 * which was just checked.
 */
export const BOOTSTRAP = [
  "$ErrorActionPreference = 'Stop'",
  `if ($PSVersionTable.PSVersion.Major -lt 3) { Write-Output ('{"${COLLECTOR_MARKER}":"powershell-too-old","powershellVersion":"' + $PSVersionTable.PSVersion + '"}'); exit 3 }`,
  `if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { Write-Output ('{"${COLLECTOR_MARKER}":"constrained-language","languageMode":"' + $ExecutionContext.SessionState.LanguageMode + '"}'); exit 4 }`,
  '& ([ScriptBlock]::Create(($input | Out-String)))',
].join('\n');

export function buildCollectionScript(options: { stream: boolean; budgetSeconds?: number }): string {
  const input = `$IpfInput = ConvertFrom-Json @'\n${asciiJson(collectionInput(options.budgetSeconds ?? DOCUMENT_BUDGET_SECONDS))}\n'@`;
  const script = `# image-preflight ${VERSION} collection script. Generated by src/collect/script.ts; do not edit by hand.
# Run it on the Windows CVM as Administrator and judge the result on any machine:
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File collect.ps1 > snapshot.json
#   image-preflight check --snapshot snapshot.json
# It prints pure ASCII (every other character as \\uXXXX), so the file is right whatever console code page
# or shell does the redirection. Needs Windows PowerShell 3.0 or later, in full language mode.
$IpfStream = $${options.stream ? 'true' : 'false'}
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($PSVersionTable.PSVersion.Major -lt 3) {
Write-Output ('{"${COLLECTOR_MARKER}":"powershell-too-old","powershellVersion":"' + $PSVersionTable.PSVersion + '"}')
exit 3
}
# AppLocker and WDAC run scripts in constrained language: .NET calls fail. Said first, as a marker.
if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {
Write-Output ('{"${COLLECTOR_MARKER}":"constrained-language","languageMode":"' + $ExecutionContext.SessionState.LanguageMode + '"}')
exit 4
}

# Windows PowerShell 5.1 binds its output writer to the console code page at start-up and ConvertTo-Json
# leaves non-ASCII characters as they are: escaping them makes every byte ASCII, right in any code page.
function ConvertTo-AsciiJson([string]$Json) {
  if ($Json -notmatch '[^\\x00-\\x7F]') { return $Json }
  -join @(foreach ($p in ($Json -split '([^\\x00-\\x7F])')) { if ($p.Length -eq 1 -and [int][char]$p -gt 127) { '\\u{0:x4}' -f [int][char]$p } else { $p } })
}

function Write-Json($Value) {
  Write-Output (ConvertTo-AsciiJson (ConvertTo-Json -InputObject $Value -Depth 8 -Compress))
}

$IpfStart = Get-Date
$IpfSnapshot = [ordered]@{
  schemaVersion = 1
  collectedAt = $IpfStart.ToUniversalTime().ToString('o')
  collector = [ordered]@{ name = 'image-preflight'; version = '${VERSION}'; method = 'powershell'; notes = @(); groupTimings = [ordered]@{} }
}

# Any error nothing else caught ends the script with one JSON line (stream mode) or with the document
# collected so far and a note saying why (document mode), never with a stack trace alone.
trap {
  $m = ("$($_.Exception.Message)" -replace '\\s+', ' ').Trim()
  if ($IpfStream) { Write-Json ([ordered]@{ ${COLLECTOR_MARKER} = 'fatal'; message = $m; errorId = "$($_.FullyQualifiedErrorId)" }) } else { $IpfSnapshot.collector.notes += "the collection script stopped: $m"; Write-Json $IpfSnapshot }
  exit 2
}

function Write-Group([string]$Name, $Value, [long]$Ms) {
  $IpfSnapshot[$Name] = $Value
  $IpfSnapshot.collector.groupTimings[$Name] = $Ms
  if ($IpfStream) { Write-Json ([ordered]@{ group = $Name; ms = $Ms; value = $Value }) }
}

${input}
$IpfBudget = [double]$IpfInput.budgetSeconds
$IpfTimeout = ${CIM_TIMEOUT_SECONDS}
# What groups hand on to later ones. A hashtable, changed in place: under -EncodedCommand the script runs as
# a script block, where $script: would reach the global scope and miss variables set here.
$Ipf = @{ cimTimeout = $IpfTimeout; processes = $null; services = $null; licence = $null }

function Get-SecondsLeft { [Math]::Max(0, $IpfBudget - ((Get-Date) - $IpfStart).TotalSeconds) }

# Error codes come from CIM's NativeErrorCode and the HRESULT in the error id, never from the message
# text, which is in the server's language. (CimException leaves HResult at .NET's generic 0x80131500.)
function Get-CollectionError($Err, [string]$Source) {
  $e = $Err.Exception
  $native = $null
  if ($e.PSObject.Properties['NativeErrorCode']) { $native = [int]$e.NativeErrorCode }
  $hr = $null
  if ("$($Err.FullyQualifiedErrorId) $($e.MessageId)" -match 'HRESULT 0x([0-9a-fA-F]{8})') { $hr = $Matches[1].ToLower() }
  $code = 'failed'
  if ($native -eq 2 -or $hr -eq '80041003' -or $hr -eq '80070005' -or $e -is [System.UnauthorizedAccessException] -or $e -is [System.Security.SecurityException]) { $code = 'access-denied' }
  if ($code -eq 'failed' -and ($hr -eq '80338029' -or $hr -eq '80041032' -or $e -is [System.TimeoutException] -or "$($Err.CategoryInfo.Category)" -eq 'OperationTimeout')) { $code = 'timeout' }
  [ordered]@{ collectionError = [ordered]@{ message = ("$($e.Message)" -replace '\\s+', ' ').Trim(); source = $Source; code = $code; nativeErrorCode = $native; hresult = $hr } }
}

# Each group is guarded and gets what is left of the budget: a failure or a hang loses that group only.
function Collect-Group([string]$Name, [string]$Source, [scriptblock]$Body) {
  $t0 = Get-Date
  $left = Get-SecondsLeft
  if ($left -lt 1) {
    $value = [ordered]@{ collectionError = [ordered]@{ message = 'no time left in the collection budget'; source = $Source; code = 'timeout' } }
  } else {
    $Ipf.cimTimeout = [int][Math]::Max(1, [Math]::Min($IpfTimeout, [Math]::Floor($left)))
    try { $value = & $Body } catch { $value = Get-CollectionError $_ $Source }
  }
  Write-Group $Name $value ([long]((Get-Date) - $t0).TotalMilliseconds)
}

# Host facts that need no WMI come first (the registry, the process itself); WMI adds to them at the end.
function Get-HostFacts {
  $cv = $null
  try { $cv = Get-ItemProperty -LiteralPath 'Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' } catch { }
  $caption = 'Windows (version unknown)'
  if ($cv -and $cv.ProductName) { $caption = 'Microsoft ' + ($cv.ProductName -replace '^Microsoft ', '') }
  $id = [Security.Principal.WindowsIdentity]::GetCurrent()
  $session = $null
  try { $session = [int](Get-Process -Id $PID).SessionId } catch { }
  [ordered]@{
    computerName = $env:COMPUTERNAME; osCaption = $caption; osVersion = $null; buildNumber = $cv.CurrentBuild
    editionId = $cv.EditionID; installationType = $cv.InstallationType
    powershellVersion = $PSVersionTable.PSVersion.ToString()
    uiCulture = [Globalization.CultureInfo]::InstalledUICulture.Name; userUiCulture = (Get-UICulture).Name
    elevated = (New-Object Security.Principal.WindowsPrincipal $id).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    lastBootUpTime = $null; systemRoot = $env:SystemRoot; systemDrive = $env:SystemDrive
    currentSessionId = $session; currentUser = $id.Name
    languageMode = "$($ExecutionContext.SessionState.LanguageMode)"; consoleCodePage = [Console]::OutputEncoding.CodePage
  }
}
Collect-Group 'host' 'host' { Get-HostFacts }

# The licensing query can take 5-20 s (sppsvc may have to start): it runs in the background from the start
# and is collected last, so it never holds up the other groups.
$IpfLicence = $null
$IpfLicenceWait = $null
try {
  $IpfLicence = [PowerShell]::Create()
  [void]$IpfLicence.AddScript(@'
param($t)
$products = @(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter "ApplicationID = '55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey IS NOT NULL" -Property Name,LicenseStatus,GracePeriodRemaining,ProductKeyChannel -OperationTimeoutSec $t | Select-Object Name,LicenseStatus,GracePeriodRemaining,ProductKeyChannel)
$service = $null
try { $service = Get-CimInstance -ClassName SoftwareLicensingService -Property RemainingWindowsReArmCount,KeyManagementServiceMachine,KeyManagementServicePort,DiscoveredKeyManagementServiceMachineName,DiscoveredKeyManagementServiceMachinePort -OperationTimeoutSec $t -ErrorAction Stop | Select-Object RemainingWindowsReArmCount,KeyManagementServiceMachine,KeyManagementServicePort,DiscoveredKeyManagementServiceMachineName,DiscoveredKeyManagementServiceMachinePort } catch { $service = @{ error = ("$($_.Exception.Message)" -replace '\\s+', ' ').Trim() } }
,@{ products = $products; service = $service }
'@).AddArgument($IpfTimeout)
  $IpfLicenceWait = $IpfLicence.BeginInvoke()
} catch { $IpfLicenceWait = $null }

# A value that may hold a secret leaves this script masked (at most its first 4 and last 2 characters),
# with its shape (told by the patterns in the input) and length: never whole.
function Protect-Secret([string]$Text) {
  $shape = 'other'
  if ($Text.Length -eq 0) { $shape = 'empty' } else {
    foreach ($r in @($IpfInput.secretShapes)) { if ($Text.Trim() -cmatch $r.pattern) { $shape = $r.shape; break } }
  }
  $n = $Text.Length
  $m = [string][char]0x2026
  if ($n -ge 16) { $m = $Text.Substring(0, 4) + [char]0x2026 + $Text.Substring($n - 2) } elseif ($n -ge 8) { $m = $Text.Substring(0, 1) + [char]0x2026 + $Text.Substring($n - 1) }
  [ordered]@{ masked = $m; secret = [ordered]@{ shape = $shape; length = $n } }
}

# The 64-bit registry view whatever the bitness of this PowerShell; a missing key is $null, a denied
# one throws, so "absent" and "unreadable" stay apart. A value named in redact is a secret: only its
# presence and type are read, never its data. With Mask, every value may hold a secret (credential
# environment variables): strings leave masked by Protect-Secret, other types without their data.
function Read-RegistryValues($Key, $Names, $Redact, [bool]$Mask) {
  $present = @($Key.GetValueNames())
  $wanted = $present
  if ($null -ne $Names) { $wanted = @($present | Where-Object { $Names -contains $_ }) }
  $values = @()
  foreach ($n in $wanted) {
    $kind = "$($Key.GetValueKind($n))"
    $type = 'REG_NONE'; $data = $null
    switch ($kind) {
      'String' { $type = 'REG_SZ' }
      'ExpandString' { $type = 'REG_EXPAND_SZ' }
      'MultiString' { $type = 'REG_MULTI_SZ' }
      'DWord' { $type = 'REG_DWORD' }
      'QWord' { $type = 'REG_QWORD' }
      'Binary' { $type = 'REG_BINARY' }
    }
    if (@($Redact) -contains $n) { $values += ,([ordered]@{ name = $n; type = $type; data = $null; redacted = $true }); continue }
    $raw = $Key.GetValue($n, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    switch ($type) {
      'REG_SZ' { $data = [string]$raw }
      'REG_EXPAND_SZ' { $data = [string]$raw }
      'REG_MULTI_SZ' { $data = @($raw) }
      'REG_DWORD' { $data = [int64]$raw -band [int64]4294967295 }
      'REG_QWORD' { $data = [BitConverter]::ToUInt64([BitConverter]::GetBytes([int64]$raw), 0) }
      'REG_BINARY' { $data = (@($raw) | ForEach-Object { $_.ToString('x2') }) -join '' }
    }
    $value = [ordered]@{ name = $n; type = $type; data = $data }
    if ($Mask) {
      if ($data -is [string]) { $p = Protect-Secret $data; $value.data = $p.masked; $value.secret = $p.secret } else { $value.data = $null }
    }
    $values += ,$value
  }
  ,$values
}

# One key, or with depth its subkeys too, breadth first, each an entry of its own; a tree larger than
# maxKeysPerTree stops there and says so (truncated). HKLM and HKU (users' loaded hives) are read. A path
# with a * segment (HKU\\*\\Environment) reads the part before it first, keeping the names of its subkeys
# that match the spec's match, then the key below each of those subkeys.
function Read-RegistryTree($Spec) {
  $entries = New-Object System.Collections.ArrayList
  $hive = [Microsoft.Win32.RegistryHive]::LocalMachine; $prefix = '^HKLM(\\\\|$)'
  if ("$($Spec.path)" -match '^HKU(\\\\|$)') { $hive = [Microsoft.Win32.RegistryHive]::Users; $prefix = '^HKU(\\\\|$)' }
  $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($hive, [Microsoft.Win32.RegistryView]::Registry64)
  $pending = New-Object System.Collections.Queue
  $star = ([string]$Spec.path).IndexOf('\\*')
  if ($star -lt 0) { $pending.Enqueue(@([string]$Spec.path, 0)) } else {
    $parentPath = ([string]$Spec.path).Substring(0, $star); $rest = ([string]$Spec.path).Substring($star + 2)
    $entry = [ordered]@{ path = $parentPath }
    try {
      $key = $base
      $rel = $parentPath -replace $prefix, ''
      if ($rel -ne '') { $key = $base.OpenSubKey($rel, $false) }
      if ($null -eq $key) { $entry.exists = $false } else {
        $entry.exists = $true
        $entry.values = @()
        $entry.subkeys = @($key.GetSubKeyNames() | Where-Object { $_ -match $Spec.match })
        foreach ($name in $entry.subkeys) {
          if ($entries.Count + $pending.Count -ge [int]$IpfInput.maxKeysPerTree) { $entry.truncated = $true; break }
          $pending.Enqueue(@(($parentPath + '\\' + $name + $rest), 0))
        }
        if (-not [object]::ReferenceEquals($key, $base)) { $key.Close() }
      }
    } catch {
      $entry.error = ("$($_.Exception.Message)" -replace '\\s+', ' ').Trim()
    }
    [void]$entries.Add($entry)
  }
  while ($pending.Count -gt 0) {
    $item = $pending.Dequeue()
    $path = $item[0]; $level = [int]$item[1]
    $entry = [ordered]@{ path = $path }
    try {
      $key = $base
      $rel = $path -replace $prefix, ''
      if ($rel -ne '') { $key = $base.OpenSubKey($rel, $false) }
      if ($null -eq $key) { $entry.exists = $false } else {
        $names = $Spec.values
        if ($level -gt 0) { $names = $Spec.childValues }
        $entry.exists = $true
        $entry.values = Read-RegistryValues $key $names $Spec.redact ([bool]$Spec.mask)
        if ($Spec.subkeys -or $level -lt [int]$Spec.depth) {
          $subs = @($key.GetSubKeyNames())
          $entry.subkeys = $subs
          if ($level -lt [int]$Spec.depth) {
            foreach ($sub in $subs) {
              if ($entries.Count + $pending.Count -ge [int]$IpfInput.maxKeysPerTree) { $entry.truncated = $true; break }
              $pending.Enqueue(@(($path + '\\' + $sub), ($level + 1)))
            }
          }
        }
        if (-not [object]::ReferenceEquals($key, $base)) { $key.Close() }
      }
    } catch {
      $entry.error = ("$($_.Exception.Message)" -replace '\\s+', ' ').Trim()
    }
    [void]$entries.Add($entry)
  }
  ,$entries
}
Collect-Group 'registry' 'registry' {
  [ordered]@{ keys = @(foreach ($k in @($IpfInput.registry)) { foreach ($e in (Read-RegistryTree $k)) { $e } }) }
}

# The program of a service, from its PathName: quoted, or unquoted up to ".exe", with %VARS% and the
# \\SystemRoot\\ and \\??\\ prefixes the Service Control Manager accepts.
function Get-ServiceProgram([string]$PathName) {
  $p = $PathName.Trim()
  $exe = $null
  if ($p -match '^"([^"]+)"') { $exe = $Matches[1] } elseif ($p -match '^(.+?\\.exe)(\\s|$)') { $exe = $Matches[1] } else { $exe = ($p -split ' ')[0] }
  $exe = [Environment]::ExpandEnvironmentVariables($exe) -replace '^\\\\\\?\\?\\\\', ''
  if ($exe -match '^\\\\SystemRoot\\\\') { $exe = $env:SystemRoot + $exe.Substring(11) }
  if ($exe -match '^system32\\\\') { $exe = Join-Path $env:SystemRoot $exe }
  $exe
}

# Files whose existence the checks need: the catalogue's first, before any WMI query; again after the
# services, with the program of every Tencent agent service (a group may come twice; the last counts).
function Get-FileFacts([bool]$WithAgents) {
  $paths = New-Object System.Collections.ArrayList
  foreach ($f in @($IpfInput.files)) { [void]$paths.Add([Environment]::ExpandEnvironmentVariables($f)) }
  if ($WithAgents -and $null -ne $Ipf.services) {
    foreach ($svc in @($Ipf.services)) {
      $n = "$($svc.Name)"; $d = "$($svc.DisplayName)"
      $agent = @($IpfInput.agentServices.names) -contains $n
      foreach ($prefix in @($IpfInput.agentServices.prefixes)) { if ($n -like "$prefix*" -or $d -like "$prefix*") { $agent = $true } }
      if ($agent -and $svc.PathName) { [void]$paths.Add((Get-ServiceProgram "$($svc.PathName)")) }
    }
  }
  $seen = @{}
  ,@(foreach ($p in $paths) {
    if ($seen.ContainsKey($p.ToLower())) { continue }
    $seen[$p.ToLower()] = $true
    [ordered]@{ path = $p; exists = [bool](Test-Path -LiteralPath $p -PathType Leaf) }
  })
}
Collect-Group 'files' 'Test-Path' { Get-FileFacts $false }

# Named properties only: a full Win32_Service enumeration is several times slower. DelayedAutoStart is
# missing before Windows 8 / Server 2012.
Collect-Group 'services' 'Win32_Service' {
  $props = @('Name', 'DisplayName', 'State', 'StartMode', 'PathName', 'ProcessId', 'StartName', 'Description')
  if ([Environment]::OSVersion.Version -ge (New-Object Version 6, 2)) { $props += 'DelayedAutoStart' }
  $Ipf.services = @(Get-CimInstance -ClassName Win32_Service -Property $props -OperationTimeoutSec $Ipf.cimTimeout | Select-Object $props)
  ,$Ipf.services
}
Collect-Group 'files' 'Test-Path' { Get-FileFacts $true }

# Cloudbase-Init's settings from its conf file (the one its service is started with), only the keys the
# checks read, and the scripts in its LocalScripts folder. Never the rest of the file.
Collect-Group 'cloudbaseInit' 'cloudbase-init.conf' {
  $svc = @($Ipf.services | Where-Object { "$($_.Name)" -eq 'cloudbase-init' }) | Select-Object -First 1
  $conf = Join-Path $env:ProgramFiles 'Cloudbase Solutions\\Cloudbase-Init\\conf\\cloudbase-init.conf'
  if ($svc -and "$($svc.PathName)" -match '--config-file\\s+"([^"]+)"') { $conf = $Matches[1] }
  $out = [ordered]@{ confPath = $conf; confFound = $false; settings = [ordered]@{}; localScriptsPath = $null; localScripts = @() }
  if (Test-Path -LiteralPath $conf -PathType Leaf) {
    $out.confFound = $true
    $file = Get-Item -LiteralPath $conf
    if ($file.Length -le 262144) {
      foreach ($line in [IO.File]::ReadAllLines($conf)) {
        if ($line -match '^\\s*([A-Za-z_]+)\\s*=\\s*(.*?)\\s*$' -and @($IpfInput.cloudbaseInitSettings) -contains $Matches[1]) { $out.settings[$Matches[1].ToLower()] = $Matches[2] }
      }
    }
  }
  $scripts = $out.settings['local_scripts_path']
  if (-not $scripts) { $scripts = Join-Path (Split-Path (Split-Path $conf -Parent) -Parent) 'LocalScripts' }
  $out.localScriptsPath = ($scripts -replace '^"|"$', '')
  if (Test-Path -LiteralPath $out.localScriptsPath -PathType Container) { $out.localScripts = @(Get-ChildItem -LiteralPath $out.localScriptsPath -File | Select-Object -First 100 | ForEach-Object { $_.Name }) }
  $out
}

Collect-Group 'processes' 'Win32_Process' {
  $Ipf.processes = @(Get-CimInstance -ClassName Win32_Process -Property Handle,Name,ProcessId,ExecutablePath,SessionId -OperationTimeoutSec $Ipf.cimTimeout)
  ,@($Ipf.processes | Select-Object Name,ProcessId,ExecutablePath,SessionId)
}

# Interactive sessions, from the processes already read: each session's owner is the first of its
# processes (per-user shells first) owned by a person, told apart by SID, never by localized name:
# SYSTEM, LOCAL SERVICE, NETWORK SERVICE (S-1-5-18/19/20), Window Manager (S-1-5-90-0-n) and Font
# Driver Host (S-1-5-96-0-n) own processes in every session.
Collect-Group 'sessions' 'Win32_Process.GetOwnerSid' {
  if ($null -eq $Ipf.processes) { throw 'the processes could not be read' }
  $out = @()
  foreach ($g in @($Ipf.processes | Where-Object { $_.SessionId -gt 0 } | Group-Object SessionId)) {
    $user = $null
    $userSid = $null
    $candidates = @($g.Group | Sort-Object { if ($_.Name -match '^(explorer|rdpclip|sihost|taskhostw|taskhostex|ctfmon)\\.exe$') { 0 } else { 1 } } | Select-Object -First 8)
    foreach ($p in $candidates) {
      try {
        $sid = (Invoke-CimMethod -InputObject $p -MethodName GetOwnerSid -OperationTimeoutSec $Ipf.cimTimeout).Sid
        if (-not $sid -or $sid -match '^S-1-5-(18|19|20|90-0-\\d+|96-0-\\d+)$') { continue }
        $o = Invoke-CimMethod -InputObject $p -MethodName GetOwner -OperationTimeoutSec $Ipf.cimTimeout
        if ($o.ReturnValue -eq 0 -and $o.User) { $user = "$($o.Domain)\\$($o.User)"; $userSid = $sid; break }
      } catch { }
    }
    if ($user) { $out += ,([ordered]@{ sessionId = [int]$g.Name; userName = $user; userSid = $userSid; state = $null }) }
  }
  ,$out
}

# The network as instances made from the image will inherit it: each IP-enabled adapter's configuration,
# and the firewall's effective state per profile (HNetCfg.FwPolicy2, which merges Group Policy in).
Collect-Group 'network' 'Win32_NetworkAdapterConfiguration' {
  $props = @('Index', 'InterfaceIndex', 'Description', 'MACAddress', 'DHCPEnabled', 'IPAddress', 'IPSubnet', 'DefaultIPGateway', 'DNSServerSearchOrder', 'IPConnectionMetric')
  $adapters = @(Get-CimInstance -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = True' -Property $props -OperationTimeoutSec $Ipf.cimTimeout | Select-Object $props)
  $fw = $null
  try {
    $policy = New-Object -ComObject HNetCfg.FwPolicy2
    $fw = [ordered]@{ currentProfileTypes = [int]$policy.CurrentProfileTypes; profiles = @(foreach ($t in @(1, 2, 4)) { [ordered]@{ type = $t; enabled = [bool]$policy.FirewallEnabled($t); blockAllInbound = [bool]$policy.BlockAllInboundTraffic($t); defaultInboundAction = [int]$policy.DefaultInboundAction($t) } }) }
  } catch { $fw = [ordered]@{ error = ("$($_.Exception.Message)" -replace '\\s+', ' ').Trim() } }
  [ordered]@{ adapters = $adapters; firewall = $fw }
}

# The built-in Administrator (RID 500, whatever it is called): Cloudbase-Init sets its password on each
# new instance. Its password age from the WinNT provider, for the share checks.
Collect-Group 'accounts' 'Win32_UserAccount' {
  $admins = @(Get-CimInstance -ClassName Win32_UserAccount -Filter "LocalAccount = True AND SID LIKE 'S-1-5-21-%-500'" -Property Name,SID,Disabled,Lockout -OperationTimeoutSec $Ipf.cimTimeout)
  $out = @(foreach ($a in $admins) {
    $age = $null
    try { $age = [long](([ADSI]("WinNT://" + $env:COMPUTERNAME + "/" + $a.Name + ",user")).PasswordAge.Value) } catch { }
    [ordered]@{ name = $a.Name; sid = $a.SID; disabled = [bool]$a.Disabled; lockout = [bool]$a.Lockout; passwordAgeSeconds = $age }
  })
  [ordered]@{ builtinAdministrator = ($out | Select-Object -First 1) }
}

# BitLocker, by numbers (ProtectionStatus, ConversionStatus, key protector types), never manage-bde's
# translated text. Without the BitLocker feature its namespace does not exist: not installed.
Collect-Group 'bitlocker' 'Win32_EncryptableVolume' {
  $vols = $null
  try {
    $vols = @(Get-CimInstance -Namespace 'root\\cimv2\\Security\\MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume -Property DriveLetter,ProtectionStatus,VolumeType -OperationTimeoutSec $Ipf.cimTimeout -ErrorAction Stop)
  } catch {
    if ("$($_.Exception.NativeErrorCode)" -eq 'InvalidNamespace' -or "$($_.FullyQualifiedErrorId)" -match '8004100[eE]') { return [ordered]@{ available = $false; volumes = @() } }
    throw
  }
  [ordered]@{ available = $true; volumes = @(foreach ($v in $vols) {
    $conversion = $null; $percent = $null; $types = @()
    try { $r = Invoke-CimMethod -InputObject $v -MethodName GetConversionStatus -OperationTimeoutSec $Ipf.cimTimeout; $conversion = [int]$r.ConversionStatus; $percent = [double]$r.EncryptionPercentage } catch { }
    try {
      $k = Invoke-CimMethod -InputObject $v -MethodName GetKeyProtectors -Arguments @{ KeyProtectorType = [uint32]0 } -OperationTimeoutSec $Ipf.cimTimeout
      foreach ($id in @($k.VolumeKeyProtectorID)) { $types += [int](Invoke-CimMethod -InputObject $v -MethodName GetKeyProtectorType -Arguments @{ VolumeKeyProtectorID = $id } -OperationTimeoutSec $Ipf.cimTimeout).KeyProtectorType }
    } catch { $types = $null }
    [ordered]@{ driveLetter = $v.DriveLetter; volumeType = $v.VolumeType; protectionStatus = $v.ProtectionStatus; conversionStatus = $conversion; encryptionPercentage = $percent; keyProtectorTypes = $types }
  }) }
}

# Disks and partitions from the Storage provider (numbers: PartitionStyle, MbrType, GptType), and the
# fixed volumes with their sizes.
Collect-Group 'disks' 'MSFT_Disk' {
  $ns = 'root\\Microsoft\\Windows\\Storage'
  $disks = @(Get-CimInstance -Namespace $ns -ClassName MSFT_Disk -Property Number,IsBoot,IsSystem,PartitionStyle,Size,BusType -OperationTimeoutSec $Ipf.cimTimeout | Select-Object Number,IsBoot,IsSystem,PartitionStyle,Size,BusType)
  $parts = @(Get-CimInstance -Namespace $ns -ClassName MSFT_Partition -Property DiskNumber,PartitionNumber,DriveLetter,Size,IsBoot,IsSystem,IsActive,MbrType,GptType -OperationTimeoutSec $Ipf.cimTimeout | ForEach-Object {
    $letter = $null
    if ($_.DriveLetter -and [int][char]$_.DriveLetter -ne 0) { $letter = "$($_.DriveLetter)" }
    [ordered]@{ DiskNumber = $_.DiskNumber; PartitionNumber = $_.PartitionNumber; DriveLetter = $letter; Size = $_.Size; IsBoot = $_.IsBoot; IsSystem = $_.IsSystem; IsActive = $_.IsActive; MbrType = $_.MbrType; GptType = $_.GptType }
  })
  $volumes = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType = 3' -Property DeviceID,Size,FreeSpace,FileSystem -OperationTimeoutSec $Ipf.cimTimeout | Select-Object DeviceID,Size,FreeSpace,FileSystem)
  [ordered]@{ disks = $disks; partitions = $parts; volumes = $volumes }
}

Collect-Group 'systemDisk' 'Win32_LogicalDisk' {
  $d = Get-CimInstance -ClassName Win32_LogicalDisk -Filter "DeviceID = '$($env:SystemDrive)'" -Property DeviceID,Size,FreeSpace -OperationTimeoutSec $Ipf.cimTimeout
  if ($null -eq $d) { throw "no logical disk $($env:SystemDrive)" }
  [ordered]@{ drive = $d.DeviceID; sizeBytes = [double]$d.Size; freeBytes = [double]$d.FreeSpace }
}

# The host again, with what only WMI knows (the caption Windows shows, the last boot). Without WMI the
# early facts stand.
Collect-Group 'host' 'Win32_OperatingSystem' {
  $h = Get-HostFacts
  try {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem -Property Caption,Version,BuildNumber,LastBootUpTime -OperationTimeoutSec $Ipf.cimTimeout
    if ($os.Caption) { $h.osCaption = $os.Caption }
    $h.osVersion = $os.Version
    if ($os.BuildNumber) { $h.buildNumber = $os.BuildNumber }
    if ($os.LastBootUpTime) { $h.lastBootUpTime = $os.LastBootUpTime.ToUniversalTime().ToString('o') }
  } catch { }
  try {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem -Property PartOfDomain,Domain,DomainRole -OperationTimeoutSec $Ipf.cimTimeout
    $h.partOfDomain = [bool]$cs.PartOfDomain; $h.domain = $cs.Domain; $h.domainRole = [int]$cs.DomainRole
  } catch { }
  $h
}

Collect-Group 'licensing' 'SoftwareLicensingProduct' {
  if ($null -eq $IpfLicenceWait) { throw 'the licensing query could not start' }
  if (-not $IpfLicenceWait.AsyncWaitHandle.WaitOne([int]((Get-SecondsLeft) * 1000))) {
    [void]$IpfLicence.BeginStop($null, $null)
    throw (New-Object TimeoutException 'the licensing query did not finish in time')
  }
  $r = $IpfLicence.EndInvoke($IpfLicenceWait)
  if ($IpfLicence.Streams.Error.Count -gt 0) { throw $IpfLicence.Streams.Error[0].Exception }
  $Ipf.licence = $r[0]
  ,@($r[0].products)
}

# Rearm count and KMS settings, from the same background query.
Collect-Group 'activation' 'SoftwareLicensingService' {
  if ($null -eq $Ipf.licence) { throw 'the licensing query did not answer' }
  $svc = $Ipf.licence.service
  if ($null -eq $svc) { throw 'SoftwareLicensingService returned nothing' }
  if ($svc -is [hashtable] -and $svc.error) { throw $svc.error }
  $svc
}

if ($IpfStream) { Write-Output '{"done":true}' } else { Write-Json $IpfSnapshot }
exit 0
`;
  return script;
}
