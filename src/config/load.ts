// Reads and validates --config like a snapshot: one line naming the first bad path, exit code 3. Check
// ids and finding codes are checked against the registry, so a typo never silently does nothing.
import { CHECKS } from '../checks/index.js';
import { ENGINE_FINDINGS } from '../checks/define-check.js';
import { InputError } from '../errors.js';
import { decodeText } from '../util/decode-text.js';
import type { ParamValue } from '../messages/types.js';
import { describeIssue } from '../util/describe-issue.js';
import { nearest } from '../util/nearest.js';
import { parseJson } from '../util/parse-json.js';
import { readInputFile } from '../util/read-input.js';
import { resolveConfig, type ResolvedConfig } from './resolve.js';
import { ConfigSchema } from './schema.js';

export function loadConfigFile(file: string): ResolvedConfig {
  const what: ParamValue = { id: 'what.configFile', params: { file } };
  return parseConfig(parseJson(decodeText(readInputFile(file, { id: 'what.config' }), what).text, what), what);
}

/** Every code a check can report: its own and the engine's. */
function codesOf(checkId: string): string[] {
  const check = CHECKS.find((c) => c.id === checkId);
  return check ? [...Object.keys(check.findings), ...Object.keys(ENGINE_FINDINGS)] : [];
}

function checkIdError(what: ParamValue, path: string, id: string): InputError {
  const ids = CHECKS.map((c) => c.id);
  return new InputError('error.unknownCheck', { what, path, id, nearest: nearest(id, ids) ?? '', known: ids.join(', ') });
}

export function parseConfig(input: unknown, what: ParamValue = { id: 'what.config' }): ResolvedConfig {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new InputError('error.invalid', { what, problem: first ? describeIssue(first, input) : '?' });
  }
  const cfg = result.data;
  const ids = new Set(CHECKS.map((c) => c.id));
  cfg.disableChecks?.forEach((id, i) => {
    if (!ids.has(id)) throw checkIdError(what, `disableChecks[${i}]`, id);
  });
  for (const key of Object.keys(cfg.severity ?? {})) {
    const path = `severity["${key}"]`;
    const [checkId = '', code, ...extra] = key.split('/');
    if (!ids.has(checkId)) throw checkIdError(what, path, checkId);
    if (code === undefined) continue;
    const codes = codesOf(checkId);
    if (extra.length > 0 || !codes.includes(code)) {
      throw new InputError('error.unknownCode', {
        what,
        path,
        check: checkId,
        code: [code, ...extra].join('/'),
        nearest: `${checkId}/${nearest(code, codes) ?? ''}`,
      });
    }
  }
  return resolveConfig(cfg);
}
