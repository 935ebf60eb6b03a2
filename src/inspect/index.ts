// The public face of the image inspector, for the `inspect` command: inspectImage(path) reads the
// facts, inspectFindings(facts) judges them, and the message tables word them in English.
export { inspectImage, type InspectOptions } from './inspect.js';
export {
  inspectFindings,
  INSPECT_CODES,
  LIMITS,
  type InspectCode,
  type InspectFinding,
  type InspectSeverity,
  type TencentCode,
} from './findings.js';
export { inspectMessagesEn, inspectErrorsEn, formatInspectMessage } from './messages-en.js';
export { InspectError, type InspectErrorCode } from './errors.js';
export { newReadStats, type ReadStats } from './image-file.js';
export type * from './types.js';
export { WINDOWS_FILES, SYSTEM_HIVE, BOOT_FILES } from './types.js';
