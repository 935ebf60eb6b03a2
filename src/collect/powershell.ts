// How the collector starts Windows PowerShell: always the 64-bit one (Sysnative from a 32-bit parent, or
// the registry and System32 would be redirected), never a profile, never a prompt. A small bootstrap goes
// as -EncodedCommand (Base64 of UTF-16LE: no quoting or code page can touch it, and execution policy does
// not apply), the script itself on stdin: no temporary .ps1 for AllSigned or AppLocker to refuse, and no
// command line near Windows' 32,767-character limit however the script grows.
import { win32 } from 'node:path';

export const COMMAND_LINE_LIMIT = 32_767;
const BASE_ARGS = ['-NoProfile', '-NonInteractive', '-NoLogo', '-ExecutionPolicy', 'Bypass'];

export interface WindowsEnv {
  SystemRoot?: string;
  PROCESSOR_ARCHITEW6432?: string;
}

export function powershellPath(env: WindowsEnv, arch: string): string {
  const root = env.SystemRoot ?? 'C:\\Windows';
  // A 32-bit process on 64-bit Windows sees a WOW64 System32; Sysnative reaches the real one.
  const dir = arch === 'ia32' && env.PROCESSOR_ARCHITEW6432 ? 'Sysnative' : 'System32';
  return win32.join(root, dir, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/**
 * PowerShell's environment: ours without PSModulePath. Started from pwsh 7, Windows PowerShell would
 * inherit 7's module folders first and fail to load CimCmdlets (PowerShell issues #12997, #27774);
 * without the variable it rebuilds its own default. Windows names are case-insensitive, so every
 * spelling is removed.
 */
export function powershellEnv(base: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && name.toLowerCase() !== 'psmodulepath') out[name] = value;
  return out;
}

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The arguments that run the collection: the bootstrap as -EncodedCommand; the script follows on stdin. */
export function powershellArgs(bootstrap: string): string[] {
  return [...BASE_ARGS, '-EncodedCommand', encodeCommand(bootstrap)];
}
