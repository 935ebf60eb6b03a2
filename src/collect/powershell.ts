// How the collector starts Windows PowerShell: always the 64-bit one (Sysnative from a 32-bit parent, or
// the registry and System32 would be redirected), never a profile, never a prompt, and the script passed
// so that quoting and code pages cannot touch it: -EncodedCommand (Base64 of UTF-16LE) while the command
// line fits in Windows' 32,767 characters, a temporary .ps1 beyond that.
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

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export type PowershellInvocation = { kind: 'encoded'; args: string[] } | { kind: 'file'; args: string[]; scriptPath: string };

function encodedArgs(script: string): string[] {
  return [...BASE_ARGS, '-EncodedCommand', encodeCommand(script)];
}

/** Whether the script fits Windows' command-line limit as -EncodedCommand. */
export function encodedFits(exe: string, script: string): boolean {
  // +3 per argument for the separating space and possible quotes.
  return exe.length + encodedArgs(script).reduce((n, a) => n + a.length + 3, 0) < COMMAND_LINE_LIMIT;
}

/** The arguments for running `script`, with a temp file path to use only when it is too long to encode. */
export function powershellInvocation(exe: string, script: string, tempScriptPath: string): PowershellInvocation {
  if (encodedFits(exe, script)) return { kind: 'encoded', args: encodedArgs(script) };
  return { kind: 'file', args: [...BASE_ARGS, '-File', tempScriptPath], scriptPath: tempScriptPath };
}
