// Windows paths as the Service Control Manager stores them: quoted or not, with arguments, with
// %SystemRoot% or \SystemRoot\ or \??\ prefixes. Compared case-insensitively.

export interface PathContext {
  systemRoot?: string | null;
  systemDrive?: string | null;
}

/** The executable part of Win32_Service.PathName (which may carry quotes and arguments). */
export function executableOf(pathName: string): string {
  const trimmed = pathName.trim();
  if (trimmed.startsWith('"')) {
    const end = trimmed.indexOf('"', 1);
    return end > 0 ? trimmed.slice(1, end) : trimmed.slice(1);
  }
  // Unquoted: the SCM tries each space-separated prefix; ".exe" ends the binary in practice.
  const exe = /^(.*?\.exe)(?:\s|$)/i.exec(trimmed)?.[1];
  if (exe) return exe;
  const space = trimmed.indexOf(' ');
  return space > 0 ? trimmed.slice(0, space) : trimmed;
}

export function expandPath(path: string, ctx: PathContext = {}): string {
  const systemRoot = (ctx.systemRoot ?? 'C:\\Windows').replace(/[\\/]+$/, '');
  const systemDrive = (ctx.systemDrive ?? systemRoot.slice(0, 2)).replace(/[\\/]+$/, '');
  const vars: Record<string, string> = {
    systemroot: systemRoot,
    windir: systemRoot,
    systemdrive: systemDrive,
    programfiles: `${systemDrive}\\Program Files`,
    'programfiles(x86)': `${systemDrive}\\Program Files (x86)`,
    programw6432: `${systemDrive}\\Program Files`,
    programdata: `${systemDrive}\\ProgramData`,
  };
  let out = path.replace(/\//g, '\\').replace(/%([^%]+)%/g, (m, name: string) => vars[name.toLowerCase()] ?? m);
  out = out.replace(/^\\\?\?\\/, '').replace(/^\\\\\?\\/, '');
  if (/^\\systemroot\\/i.test(out)) out = systemRoot + out.slice('\\SystemRoot'.length);
  if (/^system32\\/i.test(out)) out = `${systemRoot}\\${out}`;
  return out;
}

export function samePath(a: string, b: string, ctx: PathContext = {}): boolean {
  return expandPath(a, ctx).toLowerCase() === expandPath(b, ctx).toLowerCase();
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

const imageKeys = new Map<string, string>();

/** Process/image names compare without case and without a trailing ".exe". Memoised: a machine has
 * thousands of processes but few distinct names, and every check asks. */
export function imageKey(name: string): string {
  let key = imageKeys.get(name);
  if (key === undefined) {
    key = baseName(name)
      .toLowerCase()
      .replace(/\.exe$/, '');
    if (imageKeys.size > 20_000) imageKeys.clear();
    imageKeys.set(name, key);
  }
  return key;
}
