// The public face of the image inspector, for the `inspect` command: inspectImage(path) reads the
// facts, inspectFindings(facts) judges them as data. Their sentences are in the message catalogues
// (src/messages/, ids `inspect.finding.<code>`), worded by src/report/inspection.ts.
export { inspectImage, type InspectOptions } from './inspect.js';
export {
  gibParam,
  inspectFindings,
  INSPECT_CODES,
  INSPECT_GROUPS,
  LIMITS,
  RULES,
  TENCENT_CODES,
  type InspectCode,
  type InspectFinding,
  type InspectGroup,
  type InspectParams,
  type InspectSeverity,
  type TencentCode,
} from './findings.js';
export { InspectError, type InspectErrorCode } from './errors.js';
export { newReadStats, type ReadStats } from './image-file.js';
export type * from './types.js';
export { WINDOWS_FILES, SYSTEM_HIVE, BOOT_FILES } from './types.js';
