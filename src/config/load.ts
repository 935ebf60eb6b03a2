// Reads and validates --config like a snapshot: one line naming the first bad path, exit code 3.
import { CHECK_IDS } from '../checks/index.js';
import { InputError } from '../errors.js';
import { decodeText } from '../util/decode-text.js';
import type { ParamValue } from '../messages/types.js';
import { describeIssue } from '../util/describe-issue.js';
import { parseJson } from '../util/parse-json.js';
import { readInputFile } from '../util/read-input.js';
import { resolveConfig, type ResolvedConfig } from './resolve.js';
import { ConfigSchema } from './schema.js';

export function loadConfigFile(file: string): ResolvedConfig {
  const what: ParamValue = { id: 'what.configFile', params: { file } };
  return parseConfig(parseJson(decodeText(readInputFile(file, { id: 'what.config' }), what).text, what), what);
}

export function parseConfig(input: unknown, what: ParamValue = { id: 'what.config' }): ResolvedConfig {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) throw new InputError('error.invalid', { what, problem: describeIssue(result.error.issues[0]!, input) });
  const cfg = result.data;
  const known = CHECK_IDS.join(', ');
  cfg.disableChecks?.forEach((id, i) => {
    if (!CHECK_IDS.includes(id)) throw new InputError('error.unknownCheck', { what, path: `disableChecks[${i}]`, id, known });
  });
  for (const key of Object.keys(cfg.severity ?? {})) {
    const checkId = key.split('/')[0]!;
    if (!CHECK_IDS.includes(checkId)) throw new InputError('error.unknownCheck', { what, path: `severity["${key}"]`, id: checkId, known });
  }
  return resolveConfig(cfg);
}
