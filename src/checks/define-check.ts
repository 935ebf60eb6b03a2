// The check contract. A check is one file that declares what it needs (fact groups), what it can say
// (finding codes with their severity and sentences in every language) and a pure run() over the facts.
// Everything else is derived from the declaration: the config's valid codes, docs/checks.md, the
// translation report, the sentence ids in reports. Checks never run commands and never format text.
import type { ResolvedConfig } from '../config/resolve.js';
import { FACT_NAMES, type FactName, type FactValues } from '../snapshot/facts.js';
import type { CollectorInfo } from '../snapshot/schema.js';
import type { MessageRef, ParamValue, Sentence, SentenceId } from '../messages/types.js';

export type Severity = 'pass' | 'info' | 'warn' | 'fail' | 'unknown';

/** Report sections, in order: Tencent's four causes, what else decides whether a capture works, whether
 * instances made from the image will work, what a shared image would give away (checks that run when
 * sharing is intended or was scanned), and how complete the facts were. */
export const GROUPS = [
  'agents',
  'servicing',
  'security',
  'popups',
  'reboot',
  'capture',
  'instances',
  'share',
  'cloud',
  'collection',
] as const;
export type GroupId = (typeof GROUPS)[number];

export type { MessageParams, MessageRef, Sentence } from '../messages/types.js';

/** Which fact groups a snapshot holds (collected or failed), for appliesTo: a group gathered only on
 * request (the share-readiness scan) says by its presence that it was asked for. */
export interface FactPresence {
  has(name: FactName): boolean;
}

/** The raw facts a finding rests on, so an admin can see why without trusting the tool. */
export interface Evidence {
  kind: 'service' | 'process' | 'registry' | 'session' | 'disk' | 'licence' | 'file' | 'host' | 'fact';
  /** Service name, process name, registry path, session id... */
  ref: string;
  data?: Record<string, unknown>;
}

export interface Remediation {
  message: MessageRef;
  /** Copy-pasteable commands, in order (they work in both cmd.exe and PowerShell). */
  commands?: string[];
}

export interface FindingDraft {
  /** Declared by the check; `checkId/code` is what config severity overrides name. */
  code: string;
  severity: Severity;
  message: MessageRef;
  evidence?: Evidence[];
  remediation?: Remediation[];
}

export interface FindingSpec {
  readonly severity: Severity;
  /** What the report says; `{name}` marks a parameter the check fills in. */
  readonly message: Sentence;
}

/** Codes every check can produce, owned by the engine. */
export const ENGINE_FINDINGS = {
  'facts-unavailable': { severity: 'unknown' },
  'check-error': { severity: 'unknown' },
} as const satisfies Record<string, Pick<FindingSpec, 'severity'>>;

// `{name}` placeholders of an English template, as a union of their names. The argument of a plural
// (`{count, plural, one {# file} other {# files}}`) counts; the text of its forms does not, but a
// `{name}` inside a form does.
type PlaceholderName<P extends string> = P extends `${infer N}, plural,${infer Forms}`
  ? N | PlaceholderName<Forms>
  : P extends `${string}{${infer Q}`
    ? PlaceholderName<Q>
    : P extends `${string}${' ' | '#' | ','}${string}` | ''
      ? never
      : P;
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}` ? PlaceholderName<P> | Placeholders<R> : never;
type ParamsOf<S extends Sentence> = { [K in Placeholders<S['en']>]: ParamValue };
/** Parameters are required exactly when the sentence has placeholders. */
type ParamArgs<S extends Sentence, Rest extends unknown[] = []> = [Placeholders<S['en']>] extends [never]
  ? [params?: Record<string, never>, ...Rest]
  : [params: ParamsOf<S>, ...Rest];

export interface FindingExtras {
  evidence?: Evidence[];
  fix?: Remediation[];
  /**
   * A severity below the code's declared one, when the run's intent makes the finding less serious (a
   * credential on a disk whose image is not meant to be shared). Never above it: a higher one is ignored.
   */
  severity?: Severity;
}

/** An optional fact group that was collected with an error: why, worded when rendered. */
export interface FactFailure {
  reason: MessageRef | string;
  /** The collectionError's code (timeout, auth, ...). */
  code?: string;
}
const SEVERITY_RANK: Record<Severity, number> = { pass: 0, info: 1, warn: 2, unknown: 3, fail: 4 };

/** What run() gets besides its facts: the config and builders that keep codes and parameters honest. */
export interface RunContext<
  F extends Record<string, FindingSpec>,
  M extends Record<string, Sentence>,
  Opt extends readonly FactName[] = [],
> {
  config: ResolvedConfig;
  /** Optional groups that were collected but failed (absent ones are neither here nor in the facts). */
  failed: { [K in Opt[number]]?: FactFailure };
  /** How the snapshot was collected (method, notes), when the collector said. */
  collector: CollectorInfo | undefined;
  /** A finding with one of this check's codes, worded by the code's own sentence. */
  finding: <C extends keyof F & string>(code: C, ...args: ParamArgs<F[C]['message'], [extras?: FindingExtras]>) => FindingDraft;
  /** A finding with one of this check's codes, worded by another of its sentences (a variant). */
  findingAs: <K extends keyof M & string>(
    code: keyof F & string,
    message: K,
    ...args: ParamArgs<M[K], [extras?: FindingExtras]>
  ) => FindingDraft;
  /** One of this check's sentences, for a fix or as a parameter of another sentence. */
  text: <K extends keyof M & string>(key: K, ...args: ParamArgs<M[K]>) => MessageRef;
}

type FactsOf<Needs extends readonly FactName[], Opt extends readonly FactName[]> = { [K in Needs[number]]: FactValues[K] } & {
  [K in Opt[number]]?: FactValues[K];
};

export interface CheckDefinition<
  Id extends string,
  Needs extends readonly FactName[],
  F extends Record<string, FindingSpec>,
  Opt extends readonly FactName[],
  M extends Record<string, Sentence>,
> {
  id: Id;
  group: GroupId;
  /** Facts without which the check cannot say anything: if one is missing it reports "could not verify". */
  needs: Needs;
  /** Facts that sharpen the result when present. */
  optional?: Opt;
  title: Sentence;
  description: Sentence;
  /** Markdown for docs/checks.md: what is checked and the public source of each rule. */
  docs: Sentence;
  findings: F;
  /** Other sentences: variants of a finding's wording, fix instructions, parts of other sentences. */
  messages?: M;
  /** False when the check has nothing to judge (e.g. no services configured): reported as not applicable. */
  appliesTo?: (config: ResolvedConfig, snapshot: FactPresence) => boolean;
  run(facts: FactsOf<Needs, Opt>, ctx: RunContext<F, M, Opt>): FindingDraft[];
}

/** A check with its types erased, as the registry and the engine hold it. */
export interface Check {
  readonly id: string;
  readonly group: GroupId;
  readonly needs: readonly FactName[];
  readonly optional: readonly FactName[];
  readonly title: Sentence;
  readonly description: Sentence;
  readonly docs: Sentence;
  readonly findings: Readonly<Record<string, FindingSpec>>;
  readonly messages: Readonly<Record<string, Sentence>>;
  readonly appliesTo?: (config: ResolvedConfig, snapshot: FactPresence) => boolean;
  /** Runs over facts the engine has already found present (every `needs` entry is set); `failed` holds the
   * optional groups whose collection failed. */
  run(
    facts: Partial<FactValues>,
    config: ResolvedConfig,
    collector?: CollectorInfo,
    failed?: Partial<Record<FactName, FactFailure>>,
  ): FindingDraft[];
}

/** Sentence ids: `check/code` for a finding's own sentence, `check#key` for the others. */
export const findingSentenceId = (checkId: string, code: string) => `${checkId}/${code}` as const;
export const checkSentenceId = (checkId: string, key: string) => `${checkId}#${key}` as const;
export const docsAnchor = (checkId: string) => `docs/checks.md#${checkId}`;
/** What a report tells the reader to run for a check's documentation: the exe carries it (docs/checks.md's text). */
export const explainCommand = (checkId: string, code?: string) => `image-preflight explain ${code ? `${checkId}/${code}` : checkId}`;

function context(
  def: { id: string; findings: Readonly<Record<string, FindingSpec>> },
  config: ResolvedConfig,
  collector: CollectorInfo | undefined,
  failed: Partial<Record<FactName, FactFailure>>,
) {
  const draft = (
    code: string,
    messageId: SentenceId,
    params: Record<string, ParamValue> | undefined,
    extras: FindingExtras | undefined,
  ): FindingDraft => {
    const spec = def.findings[code];
    if (!spec) throw new Error(`${def.id}: undeclared finding code "${code}"`);
    const asked = extras?.severity;
    const severity = asked !== undefined && SEVERITY_RANK[asked] < SEVERITY_RANK[spec.severity] ? asked : spec.severity;
    const out: FindingDraft = { code, severity, message: { id: messageId, params: params ?? {} } };
    if (extras?.evidence?.length) out.evidence = extras.evidence;
    if (extras?.fix?.length) out.remediation = extras.fix;
    return out;
  };
  return {
    config,
    collector,
    failed,
    finding: (code: string, params?: Record<string, ParamValue>, extras?: FindingExtras) =>
      draft(code, findingSentenceId(def.id, code), params, extras),
    findingAs: (code: string, key: string, params?: Record<string, ParamValue>, extras?: FindingExtras) =>
      draft(code, checkSentenceId(def.id, key), params, extras),
    text: (key: string, params?: Record<string, ParamValue>): MessageRef => ({ id: checkSentenceId(def.id, key), params: params ?? {} }),
  };
}

export function defineCheck<
  const Id extends string,
  const Needs extends readonly FactName[],
  const F extends Record<string, FindingSpec>,
  const Opt extends readonly FactName[] = [],
  const M extends Record<string, Sentence> = Record<string, never>,
>(def: CheckDefinition<Id, Needs, F, Opt, M>): Check & { readonly id: Id } {
  for (const name of [...def.needs, ...(def.optional ?? [])]) {
    if (!FACT_NAMES.includes(name)) throw new Error(`${def.id}: unknown fact group "${name}"`);
  }
  return {
    id: def.id,
    group: def.group,
    needs: def.needs,
    optional: def.optional ?? [],
    title: def.title,
    description: def.description,
    docs: def.docs,
    findings: def.findings,
    messages: def.messages ?? {},
    appliesTo: def.appliesTo,
    run(facts, config, collector, failed = {}) {
      // The engine calls run() only when every `needs` group is present, and leaves absent optional
      // groups undefined: exactly FactsOf<Needs, Opt>, which TypeScript cannot follow through the registry.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- see the comment above
      return def.run(facts as FactsOf<Needs, Opt>, context(def, config, collector, failed));
    },
  };
}

/** Every sentence a check declares, under the ids reports refer to it by. */
export function sentencesOf(check: Check): Array<[`${string}/${string}` | `${string}#${string}`, Sentence]> {
  return [
    [checkSentenceId(check.id, 'title'), check.title],
    [checkSentenceId(check.id, 'description'), check.description],
    ...Object.entries(check.findings).map(([code, spec]): [`${string}/${string}`, Sentence] => [
      findingSentenceId(check.id, code),
      spec.message,
    ]),
    ...Object.entries(check.messages).map(([key, s]): [`${string}#${string}`, Sentence] => [checkSentenceId(check.id, key), s]),
  ];
}
