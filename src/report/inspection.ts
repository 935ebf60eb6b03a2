// The report of `inspect`: an image file's facts (src/inspect/) judged into findings and worded from
// the message catalogues, with the verdict and exit code `check` uses: BLOCKED for what Tencent
// Cloud's import refuses or cannot use, AT RISK for what may fail at first boot or could not be
// verified, READY otherwise. Like the machine report, every sentence is kept in English (stable for
// scripts) and in the report's language; renderers only lay it out. It is its own document
// (`inspectionVersion`), not a machine report: `summarize` recognises and skips it.
import { VERDICT_EXIT_CODE, verdictOf, type Counts, type Verdict } from '../engine/verdict.js';
import {
  inspectFindings,
  type ImageFacts,
  type InspectCode,
  type InspectFinding,
  type InspectGroup,
  type InspectParams,
  type InspectSeverity,
  type TencentCode,
} from '../inspect/index.js';
import type { MessageId } from '../messages/en.js';
import { formatMessage } from '../messages/format.js';
import type { Lang, MessageRef } from '../messages/types.js';
import { TOOL_NAME, VERSION } from '../version.js';

export const INSPECTION_VERSION = 1;

/** A finding's sentence; the template type makes a code without a catalogue entry a compile error. */
export const findingMessageId = (code: InspectCode): MessageId => `inspect.finding.${code}`;
export const groupMessageId = (group: InspectGroup): MessageId => `inspect.group.${group}`;
const tencentMessageId = (code: TencentCode): MessageId => `inspect.tencent.${code}`;

export interface InspectionFinding {
  code: InspectCode;
  group: InspectGroup;
  severity: InspectSeverity;
  message: string;
  localizedMessage: string;
  messageId: MessageId;
  params: InspectParams;
  /** Tencent Cloud's import error this finding foresees (for a passing one: rules out), or null. */
  tencentCode: TencentCode | null;
  /** Tencent's own short description of that error, in English and in the report's language. */
  tencentReason: string | null;
  localizedTencentReason: string | null;
  /** Commands that fix or check it, verbatim. */
  commands: string[];
  /** Technical detail from the reader (English, like evidence): what is damaged, why a fact could not be read. */
  details: string[];
}

export interface InspectionReport {
  inspectionVersion: typeof INSPECTION_VERSION;
  /** The language of every `localized*` field. */
  lang: Lang;
  tool: { name: string; version: string };
  generatedAt: string;
  image: {
    path: string;
    fileSize: number;
    /** The container as recognised from its bytes: qcow2, vhd, vmdk, raw, vhdx... */
    format: string;
    subformat: string | null;
    accepted: boolean;
    virtualSize: number | null;
    /** Guest data the image allocates (what a conversion to qcow2 can at most store), when measured. */
    allocatedSize: number | null;
    bytesRead: number;
  };
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  counts: Counts;
  findings: InspectionFinding[];
  /** Everything the inspector read, as data (docs/inspect.md). */
  facts: ImageFacts;
}

export interface InspectionOptions {
  lang?: Lang;
  now?: Date;
}

function word(f: InspectFinding, lang: Lang): InspectionFinding {
  const messageId = findingMessageId(f.code);
  const tencent = f.tencentCode ? tencentMessageId(f.tencentCode) : null;
  return {
    code: f.code,
    group: f.group,
    severity: f.severity,
    message: formatMessage(messageId, f.params),
    localizedMessage: formatMessage(messageId, f.params, lang),
    messageId,
    params: f.params,
    tencentCode: f.tencentCode ?? null,
    tencentReason: tencent && formatMessage(tencent),
    localizedTencentReason: tencent && formatMessage(tencent, {}, lang),
    commands: f.commands,
    details: f.details,
  };
}

export function buildInspection(facts: ImageFacts, options: InspectionOptions = {}): InspectionReport {
  const lang = options.lang ?? 'en';
  const findings = inspectFindings(facts);
  const counts: Counts = { fail: 0, warn: 0, unknown: 0, info: 0, pass: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const verdict = verdictOf(counts);
  return {
    inspectionVersion: INSPECTION_VERSION,
    lang,
    tool: { name: TOOL_NAME, version: VERSION },
    generatedAt: (options.now ?? new Date()).toISOString(),
    image: {
      path: facts.file.path,
      fileSize: facts.file.size,
      format: facts.format.name,
      subformat: facts.format.subformat,
      accepted: facts.format.accepted,
      virtualSize: facts.virtualSize,
      allocatedSize: facts.allocatedSize.known ? facts.allocatedSize.value : null,
      bytesRead: facts.bytesRead,
    },
    verdict,
    exitCode: VERDICT_EXIT_CODE[verdict],
    counts,
    findings: findings.map((f) => word(f, lang)),
    facts,
  };
}

const MiB = 1024 * 1024;

/** A size as qemu-img shows it: GiB from 1 GiB up, else MiB, to one decimal in the reader's notation. */
export function sizeRef(bytes: number | null): MessageRef {
  if (bytes === null) return { id: 'inspect.unknownSize' };
  const [id, unit, key] = bytes >= 1024 * MiB ? (['inspect.gib', 1024 * MiB, 'gib'] as const) : (['inspect.mib', MiB, 'mib'] as const);
  const value = Math.round((bytes / unit) * 10) / 10;
  return { id, params: { [key]: { decimal: value, digits: Number.isInteger(value) ? 0 : 1 } } };
}

/** "qcow2 v3", "vhd dynamic", "raw". */
export const formatLabel = (image: InspectionReport['image']): string =>
  image.subformat ? `${image.format} ${image.subformat}` : image.format;

/** The verdict sentence, with the could-not-verify variant when nothing failed or warned. */
export function verdictLine(report: InspectionReport, t: (id: MessageId, params?: Record<string, string | number>) => string): string {
  const verdict = t(`verdict.${report.verdict}`);
  if (report.verdict === 'AT RISK' && report.counts.warn === 0)
    return t('inspect.verdict.unverified', { verdict, count: report.counts.unknown });
  return t(`inspect.verdict.${report.verdict}`, { verdict });
}
