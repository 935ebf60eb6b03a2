// Where the scheduled task's program and folders live. The task runs as SYSTEM, so everything it runs
// or loads must be out of ordinary users' reach: the executable goes to %ProgramFiles%\image-preflight
// (only administrators can change Program Files, and node.exe loads some DLLs from its own folder
// first), and the report and log folders get an ACL of SYSTEM and Administrators only. ACLs are set
// with icacls by well-known SID (S-1-5-18, S-1-5-32-544), never by localized account names.
import { copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export interface InstallFiles {
  /** Copies the running executable to `to` (through a temporary name in the same folder), creating the folder. */
  installExecutable(from: string, to: string): void;
  /** Creates a folder (and its parents) when missing; true when this call created it. */
  makeFolder(path: string): boolean;
}

export const realInstallFiles: InstallFiles = {
  installExecutable(from, to) {
    mkdirSync(dirname(to), { recursive: true });
    const tmp = join(dirname(to), `.image-preflight.${randomBytes(8).toString('hex')}.tmp`);
    try {
      copyFileSync(from, tmp);
      renameSync(tmp, to);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  },
  makeFolder(path) {
    try {
      if (statSync(path).isDirectory()) return false;
    } catch {
      // Missing: created below.
    }
    mkdirSync(path, { recursive: true });
    return true;
  },
};

/** SYSTEM and Administrators, full control, inherited by what is created inside; nothing else. */
export function restrictFolderArgs(folder: string): string[] {
  return [folder, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q'];
}
