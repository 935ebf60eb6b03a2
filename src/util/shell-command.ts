// Commands the tool prints for an admin to paste, and the rules they must keep: each one runs the same
// in cmd.exe and in Windows PowerShell 5.1, which the README tells admins to use.
//
// - The program is named with .exe: in PowerShell `sc` is Set-Content and `cleanmgr` could be anything.
// - No %VAR%: cmd expands it and PowerShell does not (PowerShell's $env:VAR means nothing to cmd).
// - No empty argument: Windows PowerShell 5.1 drops "" when it calls a program (PowerShell issue #6280),
//   so `reg.exe add … /d "" /f` reaches reg.exe as `/d /f`.
// - Nothing either shell interprets: $ and the backtick (PowerShell), ! ^ & | < > (cmd), and outside
//   quotes ; , ( ) { } @ # (PowerShell). Machine data that would need one of them gets no command.
// - A restart is announced and delayed, and a process is ended by PID, never by image name.

/**
 * Characters that one of the shells still interprets inside double quotes, or that end or break the
 * line: cmd expands %VAR% (and !VAR! with delayed expansion), PowerShell expands $var and $(…) and treats
 * the backtick and the typographic quotes ‘ ’ “ ” „ as its own; control, line-separator, zero-width and
 * bidi characters would end the line or hide what it does.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNSAFE_QUOTED = /["%!$`\u2018-\u201f\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** A token that needs no quotes in either shell. */
const BARE = /^[A-Za-z0-9_.:\\/=+-]+$/;

/**
 * `value` as one argument both shells pass on unchanged: bare when it is a plain token, else in double
 * quotes; undefined when it is empty or holds a character a shell would still interpret (machine data is
 * never trusted into a command line).
 */
export function shellArg(value: string): string | undefined {
  if (value === '' || UNSAFE_QUOTED.test(value)) return undefined;
  return BARE.test(value) && !/^[@#]/.test(value) ? value : `"${value}"`;
}

/** `value` always in double quotes (a service name, a registry path), or undefined as for shellArg. */
export function quotedArg(value: string): string | undefined {
  if (value === '' || UNSAFE_QUOTED.test(value)) return undefined;
  return `"${value}"`;
}

/** How long a restart the tool suggests waits, so nobody loses work to a command pasted in a hurry. */
export const RESTART_DELAY_SECONDS = 300;

/**
 * A restart that starts in five minutes with a message on every session (cancel it with
 * `shutdown.exe /a`). The comment is English: it is part of a command, like the command's own words.
 */
export const DELAYED_RESTART = `shutdown.exe /r /t ${RESTART_DELAY_SECONDS} /c "image-preflight: this server restarts in 5 minutes to finish pending Windows work. Cancel: shutdown.exe /a"`;

/** Splits a command line into its arguments the way both shells do for the commands we print. */
export function splitCommand(command: string): { args: string[]; quoted: boolean[]; unbalanced: boolean } {
  const args: string[] = [];
  const quoted: boolean[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  let wasQuoted = false;
  for (const ch of command) {
    if (ch === '"') {
      inQuotes = !inQuotes;
      started = true;
      wasQuoted = true;
    } else if (ch === ' ' && !inQuotes) {
      if (started) {
        args.push(current);
        quoted.push(wasQuoted);
      }
      current = '';
      started = false;
      wasQuoted = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) {
    args.push(current);
    quoted.push(wasQuoted);
  }
  return { args, quoted, unbalanced: inQuotes };
}

/** The characters outside quotes that make either shell do something other than pass an argument. */
const UNQUOTED_SPECIAL = /[&|<>^;,(){}]/;

/**
 * What is wrong with a command meant for both cmd.exe and Windows PowerShell 5.1, as short English
 * reasons (for tests and for the plan's own assertions); empty when it is fine.
 */
export function commandProblems(command: string): string[] {
  const problems: string[] = [];
  const { args, quoted, unbalanced } = splitCommand(command);
  const program = (args[0] ?? '').toLowerCase();
  if (!/^[a-z0-9_.-]+\.exe$/.test(program)) problems.push('the program must be named with .exe');
  if (unbalanced) problems.push('unbalanced double quotes');
  if (/%/.test(command)) problems.push('% (cmd expands %VAR%, PowerShell does not)');
  if (/[$`]/.test(command)) problems.push('$ or a backtick (PowerShell expands them)');
  if (/!/.test(command)) problems.push('! (cmd expands it with delayed expansion)');
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u2018-\u201f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(command))
    problems.push('a control, typographic-quote or invisible character');
  args.forEach((arg, i) => {
    if (arg === '') problems.push('an empty argument (Windows PowerShell 5.1 drops it)');
    if (!quoted[i] && (UNQUOTED_SPECIAL.test(arg) || /^[@#]/.test(arg))) problems.push(`"${arg}" is interpreted by a shell`);
  });
  const flags = args.slice(1).map((a) => a.toLowerCase());
  const value = (flag: string) => {
    const at = flags.indexOf(flag);
    return at >= 0 ? args[at + 2] : undefined;
  };
  if (program === 'taskkill.exe' && !flags.includes('/pid')) problems.push('taskkill must name a PID (/PID), never an image name');
  if (program === 'taskkill.exe' && flags.includes('/im')) problems.push('taskkill /IM ends every process of that name');
  if (program === 'shutdown.exe' && (flags.includes('/r') || flags.includes('/s') || flags.includes('/g'))) {
    const delay = Number(value('/t') ?? 'NaN');
    if (!(delay >= 60)) problems.push('a restart must be delayed (/t 60 or more)');
    if (!flags.includes('/c')) problems.push('a restart must say why (/c "...")');
    if (flags.includes('/f') || flags.includes('/p')) problems.push('a restart must not force applications closed or power off at once');
  }
  if (program === 'cleanmgr.exe') problems.push('cleanmgr.exe is missing on Server Core and /sagerun does nothing without /sageset');
  if (program === 'dism.exe' && flags.some((f) => f.startsWith('/set-edition')))
    if (!flags.some((f) => f.startsWith('/productkey:')) || !flags.includes('/accepteula'))
      problems.push('DISM /Set-Edition needs /ProductKey: and /AcceptEula');
  return problems;
}
