// One Windows Event Log entry per scheduled run, through eventcreate.exe (Application log, our own
// source, created by eventcreate on first use): information, warning or error by verdict, and a message
// that says what changed since the previous run.
import type { Verdict } from '../engine/verdict.js';
import { translator } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import type { ChangedProblem, Changes } from './history.js';

export const EVENT_SOURCE = 'image-preflight';
export type EventKind = Verdict | 'run-failed' | 'fix-pending' | 'capture-done' | 'capture-failed' | 'capture-started';
/** eventcreate accepts IDs 1-1000. */
export const EVENT_ID: Record<EventKind, number> = {
  READY: 100,
  'AT RISK': 101,
  BLOCKED: 102,
  'run-failed': 103,
  'fix-pending': 104,
  'capture-done': 105,
  'capture-failed': 106,
  'capture-started': 107,
};
const TYPE: Record<EventKind, string> = {
  READY: 'INFORMATION',
  'AT RISK': 'WARNING',
  BLOCKED: 'ERROR',
  'run-failed': 'ERROR',
  'fix-pending': 'WARNING',
  'capture-done': 'INFORMATION',
  'capture-failed': 'ERROR',
  'capture-started': 'INFORMATION',
};
const MAX_MESSAGE = 1800;

export function eventMessage(changes: Changes, reportFile: string, lang: Lang = 'en'): string {
  const { t } = translator(lang);
  const verdict = (v: Verdict) => t(`verdict.${v}`);
  const items = (list: ChangedProblem[], withSeverity: boolean) => ({
    list: list.map((p) => (withSeverity ? t('event.item', { message: p.message, severity: t(`severity.${p.severity}`) }) : p.message)),
    join: 'semicolon' as const,
  });
  const parts = [
    changes.previousVerdict
      ? t('event.verdict', { verdict: verdict(changes.verdict), previous: verdict(changes.previousVerdict) })
      : t('event.firstRun', { verdict: verdict(changes.verdict) }),
  ];
  if (changes.appeared.length > 0) parts.push(t('event.new', { items: items(changes.appeared, true) }));
  if (changes.recovered.length > 0) parts.push(t('event.recovered', { items: items(changes.recovered, false) }));
  if (changes.previousVerdict && changes.appeared.length === 0 && changes.recovered.length === 0) parts.push(t('event.noChange'));
  parts.push(t('event.report', { file: reportFile }));
  const text = parts.join(t('list.sentence')).replace(/[\r\n]+/g, ' ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

export function eventcreateArgs(verdict: EventKind, message: string): string[] {
  const type = TYPE[verdict];
  return ['/L', 'APPLICATION', '/T', type, '/SO', EVENT_SOURCE, '/ID', String(EVENT_ID[verdict]), '/D', message];
}
