// The tccli command equivalent to a capture, printed by dry runs so an admin can run or review it.
// Uses --cli-unfold-argument (plain values, lists as separate words) so no JSON has to survive
// shell quoting. Quoting:
// - cmd.exe: each value is quoted for the program's own parser (CommandLineToArgvW rules), then every
//   cmd metacharacter, the quotes included, is escaped with ^ so cmd passes the line through
//   untouched; % becomes ^% so an interactive prompt does not expand %VARIABLES%.
// - PowerShell: single-quoted literals (' doubled, and the typographic single quotes PowerShell also
//   treats as quotes). Windows PowerShell 5.1 and PowerShell 7.3+ pass embedded double quotes to native
//   programs differently, so a value with a double quote (or a trailing backslash) is refused there.
import { CloudError } from './errors.js';
import { validateCreateImage, type CreateImageRequest } from './image.js';

export type Shell = 'cmd' | 'powershell';

const SAFE_TOKEN = /^[A-Za-z0-9._:/=+-]+$/;

export function tccliCreateImageCommand(req: CreateImageRequest & { region: string }, shell: Shell): string {
  validateCreateImage(req);
  if (!/^[a-z]{2,}-[a-z0-9-]+$/.test(req.region))
    throw new CloudError('invalid-parameter', `"${req.region}" is not a region name (e.g. ap-guangzhou)`);
  const args: Array<[string, string[]]> = [
    ['--region', [req.region]],
    ['--InstanceId', [req.instanceId]],
    ['--ImageName', [req.name]],
  ];
  if (req.description !== undefined) args.push(['--ImageDescription', [req.description]]);
  if (req.forcePoweroff !== undefined) args.push(['--ForcePoweroff', [String(req.forcePoweroff)]]);
  if (req.sysprep !== undefined) args.push(['--Sysprep', [String(req.sysprep)]]);
  if (req.dataDiskIds && req.dataDiskIds.length > 0) args.push(['--DataDiskIds', req.dataDiskIds]);
  // tccli's Boolean arguments take True/False.
  if (req.dryRun) args.push(['--DryRun', ['True']]);
  const quote = shell === 'cmd' ? quoteForCmd : quoteForPowerShell;
  const words = ['tccli', 'cvm', 'CreateImage', '--cli-unfold-argument'];
  for (const [flag, values] of args) words.push(flag, ...values.map(quote));
  return words.join(' ');
}

/** One argument as CommandLineToArgvW / the MSVC runtime parse it back: always in double quotes. */
export function quoteForArgv(value: string): string {
  let out = '"';
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes++;
    } else if (ch === '"') {
      out += '\\'.repeat(backslashes * 2 + 1) + '"';
      backslashes = 0;
    } else {
      out += '\\'.repeat(backslashes) + ch;
      backslashes = 0;
    }
  }
  return out + '\\'.repeat(backslashes * 2) + '"';
}

export function quoteForCmd(value: string): string {
  refuseControl(value);
  if (SAFE_TOKEN.test(value)) return value;
  return quoteForArgv(value).replace(/[\^&|<>()"%!]/g, (c) => `^${c}`);
}

export function quoteForPowerShell(value: string): string {
  refuseControl(value);
  if (SAFE_TOKEN.test(value) && !value.startsWith('-')) return value;
  if (value.includes('"') || value.endsWith('\\')) {
    throw new CloudError(
      'invalid-parameter',
      'a value with a double quote or a trailing backslash cannot be passed to tccli the same way by every PowerShell version; use the cmd form',
    );
  }
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

function refuseControl(value: string): void {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new CloudError('invalid-parameter', 'a value with a control character cannot be put on a command line');
}
