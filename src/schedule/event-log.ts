// One Windows Event Log entry per scheduled run, through eventcreate.exe (Application log, our own
// source, created by eventcreate on first use): information, warning or error by verdict, and a message
// that says what changed since the previous run.
import type { Verdict } from '../engine/verdict.js';
import { formatMessage } from '../messages/format.js';
import type { Changes } from './history.js';

export const EVENT_SOURCE = 'image-preflight';
const TYPE: Record<Verdict, string> = { READY: 'INFORMATION', 'AT RISK': 'WARNING', BLOCKED: 'ERROR' };
/** eventcreate accepts IDs 1-1000. */
export const EVENT_ID: Record<Verdict | 'run-failed', number> = { READY: 100, 'AT RISK': 101, BLOCKED: 102, 'run-failed': 103 };
const MAX_MESSAGE = 1800;

export function eventMessage(changes: Changes, reportFile: string): string {
  const parts = [changes.previousVerdict
    ? formatMessage('event.verdict', { verdict: changes.verdict, previous: changes.previousVerdict })
    : formatMessage('event.firstRun', { verdict: changes.verdict })];
  if (changes.appeared.length > 0) parts.push(formatMessage('event.new', { items: changes.appeared.join('; ') }));
  if (changes.recovered.length > 0) parts.push(formatMessage('event.recovered', { items: changes.recovered.join('; ') }));
  if (changes.previousVerdict && changes.appeared.length === 0 && changes.recovered.length === 0) parts.push(formatMessage('event.noChange'));
  parts.push(formatMessage('event.report', { file: reportFile }));
  const text = parts.join(' ').replace(/[\r\n]+/g, ' ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

export function eventcreateArgs(verdict: Verdict | 'run-failed', message: string): string[] {
  const type = verdict === 'run-failed' ? 'ERROR' : TYPE[verdict];
  return ['/L', 'APPLICATION', '/T', type, '/SO', EVENT_SOURCE, '/ID', String(EVENT_ID[verdict]), '/D', message];
}
