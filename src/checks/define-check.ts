// The check contract: declared metadata plus a pure run(ctx) over the snapshot. Checks never run
// commands and never format text; they return findings that point into the message catalogue.
import type { ResolvedConfig } from '../config/resolve.js';
import type { MessageId } from '../messages/en.js';
import type { MessageRef } from '../messages/types.js';
import type { FactName, Snapshot } from '../snapshot/schema.js';

export type Severity = 'pass' | 'info' | 'warn' | 'fail' | 'unknown';

export const GROUPS = ['agents', 'servicing', 'security', 'popups', 'reboot'] as const;
export type GroupId = (typeof GROUPS)[number];

export type { MessageParams, MessageRef } from '../messages/types.js';

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
  /** Stable within the check; `checkId/code` is what config severity overrides name. */
  code: string;
  severity: Severity;
  message: MessageRef;
  evidence?: Evidence[];
  remediation?: Remediation[];
}

export interface CheckContext {
  snapshot: Snapshot;
  config: ResolvedConfig;
}

export interface CheckMeta<Id extends string = string> {
  id: Id;
  group: GroupId;
  title: MessageId;
  description: MessageId;
  /** Where the admin reads more: our docs, which cite Tencent's. */
  docsUrl: string;
  /** Facts without which the check cannot say anything: if one is missing it reports "could not verify". */
  requiredFacts: readonly FactName[];
  /** Facts that sharpen the result when present. */
  optionalFacts?: readonly FactName[];
  /** False when the check has nothing to judge (e.g. no services configured): reported as not applicable. */
  appliesTo?: (ctx: CheckContext) => boolean;
}

export interface Check<Id extends string = string> {
  meta: CheckMeta<Id>;
  run(ctx: CheckContext): FindingDraft[];
}

export function defineCheck<const Id extends string>(check: Check<Id>): Check<Id> {
  return check;
}

export const DOCS = 'docs/checks.md';
