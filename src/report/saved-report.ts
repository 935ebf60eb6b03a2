// Reports read back from disk: another machine's for `summarize`, the previous run's for the scheduled
// check's "what changed". Anything may be in such a file (an older or newer version, a hand edit, a
// user's prank in a shared folder), so the schema is lenient where a value is only shown and strict
// where a decision rests on it (version, verdict); it never throws. One schema for both readers.
import * as z from 'zod/mini';
import type { MessageRef } from '../messages/types.js';

export const VERDICTS = ['BLOCKED', 'AT RISK', 'READY'] as const;
const SEVERITIES = ['pass', 'info', 'warn', 'fail', 'unknown'] as const;
/** Deeper message parameters than ours ever are: a crafted report must not recurse the wording. */
const MAX_PARAM_DEPTH = 4;

function depth(value: unknown, level = 0): number {
  if (level > MAX_PARAM_DEPTH || value === null || typeof value !== 'object') return level;
  let deepest = level;
  for (const v of Object.values(value)) {
    deepest = Math.max(deepest, depth(v, level + 1));
    if (deepest > MAX_PARAM_DEPTH) break;
  }
  return deepest;
}

const text = z.catch(z.string(), '');
/** Evidence as `fix --report` reads it: odd entries are dropped; data values are read only by name. */
const SavedEvidenceSchema = z.object({
  kind: z.string(),
  ref: z.string(),
  data: z.catch(z.optional(z.record(z.string(), z.unknown()).check(z.refine((d) => depth(d) <= MAX_PARAM_DEPTH))), undefined),
});
const SavedFindingSchema = z.object({
  checkId: z.catch(z.string(), '?'),
  code: z.catch(z.string(), '?'),
  severity: z.catch(z.enum(SEVERITIES), 'unknown'),
  message: text,
  localizedMessage: z.catch(z.optional(z.string()), undefined),
  messageId: z.catch(z.optional(z.string()), undefined),
  // Only for rewording in another language; dropped (the text is shown instead) when odd or too deep.
  params: z.catch(z.optional(z.record(z.string(), z.unknown()).check(z.refine((p) => depth(p) <= MAX_PARAM_DEPTH))), undefined),
  evidence: z.optional(
    z.pipe(
      z.catch(z.array(z.catch(z.nullable(SavedEvidenceSchema), null)), []),
      z.transform((es) => es.filter((e) => e !== null)),
    ),
  ),
});

const SavedCheckSchema = z.object({
  id: z.catch(z.string(), '?'),
  findings: z.pipe(
    z.catch(z.array(z.catch(z.nullable(SavedFindingSchema), null)), []),
    z.transform((fs) => fs.filter((f) => f !== null)),
  ),
});

const count = z.catch(z.number().check(z.int()).check(z.nonnegative()), 0);

export const SavedReportSchema = z.object({
  reportVersion: z.literal(1),
  /** The language of its localized sentences (a fix plan from it speaks it too). */
  lang: z.catch(z.optional(z.string()), undefined),
  verdict: z.enum(VERDICTS),
  generatedAt: text,
  snapshot: z.catch(
    z.object({
      computerName: z.catch(z.nullable(z.string()), null),
      collectedAt: text,
      utcOffsetMinutes: z.catch(z.optional(z.nullable(z.number().check(z.int()).check(z.gte(-840)).check(z.lte(840)))), null),
      osCaption: z.catch(z.nullable(z.string()), null),
      // Written by collectors that know the cloud instance (from the metadata service); shown only.
      instanceId: z.catch(z.optional(z.nullable(z.string())), null),
    }),
    { computerName: null, collectedAt: '', osCaption: null, instanceId: null },
  ),
  counts: z.catch(z.object({ fail: count, warn: count, unknown: count, info: count, pass: count }), {
    fail: 0,
    warn: 0,
    unknown: 0,
    info: 0,
    pass: 0,
  }),
  checks: z.pipe(
    z.array(z.catch(z.nullable(SavedCheckSchema), null)),
    z.transform((cs) => cs.filter((c) => c !== null)),
  ),
});
export type SavedReport = z.infer<typeof SavedReportSchema>;

/** The same without evidence, for a fleet's summary: thousands of reports, read for their verdicts and messages. */
const SummaryReportSchema = z.extend(SavedReportSchema, {
  checks: z.pipe(
    z.array(
      z.catch(
        z.nullable(
          z.object({
            id: z.catch(z.string(), '?'),
            findings: z.pipe(
              z.catch(z.array(z.catch(z.nullable(z.omit(SavedFindingSchema, { evidence: true })), null)), []),
              z.transform((fs) => fs.filter((f) => f !== null)),
            ),
          }),
        ),
        null,
      ),
    ),
    z.transform((cs) => cs.filter((c) => c !== null)),
  ),
});

export type SavedReportRead = { ok: true; report: SavedReport } | { ok: false; reason: MessageRef };

/** A parsed JSON document as a report of this tool, or why it is not one. */
export function readSavedReport(doc: unknown, options: { evidence?: boolean } = {}): SavedReportRead {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, reason: { id: 'fleet.skip.notObject' } };
  const tool: unknown = 'tool' in doc ? doc.tool : undefined;
  const name: unknown = tool !== null && typeof tool === 'object' && 'name' in tool ? tool.name : undefined;
  // `inspect`'s report is about an image file, not a machine: named as such, not as a foreign file.
  if (name === 'image-preflight' && 'inspectionVersion' in doc) return { ok: false, reason: { id: 'fleet.skip.inspection' } };
  if (name !== 'image-preflight' || !('reportVersion' in doc)) {
    return { ok: false, reason: { id: 'schemaVersion' in doc ? 'fleet.skip.snapshot' : 'fleet.skip.foreign' } };
  }
  const version: unknown = doc.reportVersion;
  if (version !== 1)
    return {
      ok: false,
      reason: {
        id: 'fleet.skip.version',
        params: { version: typeof version === 'number' || typeof version === 'string' ? String(version) : '?' },
      },
    };
  const parsed = (options.evidence === false ? SummaryReportSchema : SavedReportSchema).safeParse(doc);
  return parsed.success ? { ok: true, report: parsed.data } : { ok: false, reason: { id: 'fleet.skip.damaged' } };
}

// The machine page (check --format html) embeds its report as <script type="application/json"
// id="image-preflight-report">, every "<" inside written as \u003c, so the first "</script" after the
// opening tag ends it. Attribute order and quotes may vary (a page saved again by a browser).
const EMBEDDED_OPEN = /<script\b[^>]*\bid\s*=\s*["']?image-preflight-report\b["']?[^>]*>/i;

/** Whether a file's text is an HTML page rather than JSON (which never starts with "<"). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

/** The JSON text of the report embedded in an HTML page, or undefined when the page holds none. */
export function reportJsonFromHtml(html: string): string | undefined {
  const open = EMBEDDED_OPEN.exec(html);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = html.slice(start).search(/<\/script/i);
  return end < 0 ? undefined : html.slice(start, start + end);
}
