// The fallback when PowerShell is missing, blocked, too old or failed: one cmd.exe running a batch of
// native tools whose output fields are not localized (numeric service states, registry type names, CSV
// columns), separated by ASCII markers so the whole output can be split and decoded in one go.
import type { RegistryKeySpec } from '../../catalog/registry-keys.js';

export const MARK = '##IPF';
export const SERVICES_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';
export const CODEPAGE_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage';

export function buildFallbackBatch(keys: readonly RegistryKeySpec[]): string {
  const lines = ['@echo off'];
  const section = (name: string, command: string): void => {
    lines.push(`echo ${MARK} ${name}`, command, `echo ${MARK} exit %ERRORLEVEL%`);
  };
  section('codepage', `reg.exe query "${CODEPAGE_KEY}" /v OEMCP`);
  // `net session` succeeds only for an elevated administrator; its exit code, not its text, tells.
  section('elevated', 'net.exe session >nul 2>&1');
  // sc.exe enumerates into a 4 KB buffer by default and stops with "more data" on older Windows.
  section('sc', 'sc.exe queryex type= service state= all bufsize= 262144');
  section('services', `reg.exe query "${SERVICES_KEY}" /s`);
  // A key read with its subkeys (depth) is queried whole (/s) and trimmed to that depth when parsed.
  keys.forEach((k, i) => {
    section(`key ${i}`, keyCommands(k.path, (k.depth ?? 0) > 0));
  });
  section('tasklist', 'tasklist.exe /fo csv /nh');
  lines.push(`echo ${MARK} done`);
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * reg.exe for one key (with /s when it is read deep), or for a `*` path: the part before the `*` (which
 * lists its subkeys), then the key below each subkey it lists. Lines that are not subkeys (the parent's
 * values) make reg.exe fail quietly; which subkeys count is decided when the output is read.
 */
export function keyCommands(path: string, deep = false): string {
  const s = deep ? ' /s' : '';
  const [parent, rest] = path.split('\\*');
  if (rest === undefined) return `reg.exe query "${path}"${s}`;
  return [
    `reg.exe query "${parent}"`,
    `for /f "delims=" %%k in ('reg.exe query "${parent}" 2^>nul') do @reg.exe query "%%k${rest}"${s} 2>nul`,
  ].join('\r\n');
}

export interface Section {
  name: string;
  body: string;
  exitCode: number | null;
}

/** Splits the batch output at the markers. A section cut off by a timeout has exitCode null. */
export function splitSections(text: string): { sections: Map<string, Section>; done: boolean } {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let body: string[] = [];
  let done = false;
  const close = (exitCode: number | null) => {
    if (current) sections.set(current.name, { ...current, body: body.join('\n'), exitCode });
    current = undefined;
    body = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(`${MARK} `)) {
      const rest = line.slice(MARK.length + 1).trim();
      if (rest.startsWith('exit ')) close(Number.parseInt(rest.slice(5), 10));
      else if (rest === 'done') {
        close(null);
        done = true;
      } else {
        close(null);
        current = { name: rest, body: '', exitCode: null };
      }
    } else if (current) body.push(line);
  }
  close(null);
  return { sections, done };
}
