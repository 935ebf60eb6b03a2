// Tencent's FAQ, cause 4: other people logged on (console or RDP, active or disconnected) keep programs
// open that can hold up shutdown with "other people are logged on" or unsaved-work prompts.
import { defineCheck, DOCS } from './define-check.js';
import { factValue } from '../snapshot/facts.js';

export const otherSessions = defineCheck({
  meta: {
    id: 'other-sessions',
    group: 'popups',
    title: 'sessions.title',
    description: 'sessions.description',
    docsUrl: `${DOCS}#other-sessions`,
    requiredFacts: ['sessions'],
    optionalFacts: ['host'],
  },
  run({ snapshot }) {
    const sessions = factValue(snapshot, 'sessions') ?? [];
    const own = factValue(snapshot, 'host')?.currentSessionId;
    const interactive = sessions.filter((s) => s.sessionId !== 0);
    // Without the collector's own session id, assume the first interactive session is the admin's.
    const others = own === undefined || own === null ? interactive.slice(1) : interactive.filter((s) => s.sessionId !== own);
    if (others.length === 0) {
      return [{ code: 'no-other-sessions', severity: 'pass', message: { id: 'sessions.none', params: { count: interactive.length } } }];
    }
    return [{
      code: 'other-sessions', severity: 'warn',
      message: { id: 'sessions.others', params: { count: others.length, users: { list: others.map((s) => s.userName ?? { id: 'sessions.session', params: { id: s.sessionId } }), join: 'comma' } } },
      evidence: others.map((s) => ({ kind: 'session' as const, ref: String(s.sessionId), data: { userName: s.userName ?? null, state: s.state ?? null } })),
      remediation: [{ message: { id: 'fix.logoffSessions' }, commands: others.map((s) => `logoff.exe ${s.sessionId}`) }],
    }];
  },
});
