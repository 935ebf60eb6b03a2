// `inspect FILE`: an image file checked against Tencent Cloud's import rules before it is uploaded.
// The file is only read. A file that cannot be inspected at all (missing, a folder, a device, empty,
// unreadable) is one line and exit 3; anything wrong inside it (a damaged header, a truncated table,
// a huge size) is a finding. The inspector and its renderers are loaded only for this command.
import { realpathSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { InspectError } from '../inspect/errors.js';
import type { Lang, MessageRef } from '../messages/types.js';
import type { InspectFormat } from '../report/inspection-formats.js';
import { errnoCode } from '../util/guards.js';
import type { Outcome } from './outcome.js';

export interface InspectArgs {
  file: string;
  format: InspectFormat;
  output?: string;
}

export interface InspectEnv {
  platform: NodeJS.Platform;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/** The one line an image file that cannot be inspected gets, worded from the catalogue. */
export function inspectErrorLine(err: InspectError): InputError {
  const file = err.params.path;
  const what: MessageRef = { id: 'what.imageFile' };
  switch (err.code) {
    case 'not-found':
      return new InputError('error.cannotRead', { what, file, why: { id: 'why.noSuchFile' } });
    case 'folder':
      return new InputError('error.cannotRead', { what, file, why: { id: 'why.isFolder' } });
    case 'not-a-file':
      return new InputError('error.cannotRead', { what, file, why: { id: 'why.notRegular' } });
    case 'empty':
      return new InputError('error.emptyFile', { what: { id: 'what.imageFileNamed', params: { file } } });
    case 'unreadable': {
      const reason = err.params.reason ?? '?';
      const why: MessageRef | string = reason === 'EACCES' || reason === 'EPERM' ? { id: 'why.permissionDenied' } : reason;
      return new InputError('error.cannotRead', { what, file, why });
    }
  }
}

/** Whether `output` names the image itself (directly, through a link, or by another spelling). */
function sameFile(image: string, output: string): boolean {
  try {
    const a = statSync(image);
    const b = statSync(output);
    return a.dev === b.dev && a.ino === b.ino && (a.ino !== 0 || realpathSync(image) === realpathSync(output));
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return false;
    throw err;
  }
}

export async function runInspect(args: InspectArgs, env: InspectEnv, lang: Lang): Promise<Outcome> {
  // The report must never replace the file it is about: --output is written by renaming over its target.
  if (args.output && sameFile(args.file, args.output)) throw new InputError('error.outputIsInput', { file: args.output });
  const [{ inspectImage, InspectError }, { buildInspection }, { renderInspection }] = await Promise.all([
    import('../inspect/index.js'),
    import('../report/inspection.js'),
    import('../report/render-inspection.js'),
  ]);
  let facts;
  try {
    facts = await inspectImage(args.file);
  } catch (err) {
    if (err instanceof InspectError) throw inspectErrorLine(err);
    throw err;
  }
  const report = buildInspection(facts, { lang });
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  const color = !noColor && env.stdoutIsTTY && !args.output;
  return {
    lang,
    exitCode: report.exitCode,
    text: await renderInspection(report, args.format, { color, windowsSymbols: env.platform === 'win32' }),
    output: args.output,
  };
}
