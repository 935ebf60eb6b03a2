// The engine around the checks: facts handed over typed, "could not verify" when they are missing, and
// a check that throws becomes an unknown finding whose stack reaches --verbose and the log file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCheck } from '../src/checks/define-check.js';
import { otherSessions } from '../src/checks/other-sessions.js';
import { main, type CliEnv } from '../src/commands/main.js';
import { resolveConfig } from '../src/config/resolve.js';
import { runCheck } from '../src/engine/run-checks.js';
import { fixturePath, machine, run } from './helpers.js';

const ENV: CliEnv = { platform: 'linux', stdoutIsTTY: false, env: { LANG: 'C' } };

const boom = defineCheck({
  id: 'boom',
  group: 'popups',
  needs: ['sessions'],
  optional: ['host'],
  title: { en: 'Boom' },
  description: { en: 'Throws.' },
  docs: { en: 'Throws.' },
  findings: { ok: { severity: 'pass', message: { en: 'fine, {count} sessions' } }, bad: { severity: 'warn', message: { en: 'bad' } } },
  run({ sessions, host }, { finding }) {
    if (host?.computerName === 'explode') throw new TypeError('cannot read properties of undefined');
    return [finding('ok', { count: sessions.length })];
  },
});

afterEach(() => vi.restoreAllMocks());

describe('engine', () => {
  it('hands a check its declared facts', () => {
    const r = runCheck(boom, machine(), resolveConfig());
    expect(r.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['ok:pass']);
    expect(r.findings[0]?.message).toEqual({ id: 'boom/ok', params: { count: 1 } });
  });

  it('reports "could not verify" without running a check whose required facts are missing', () => {
    const s = machine();
    delete s.sessions;
    const spy = vi.spyOn(boom, 'run');
    const r = runCheck(boom, s, resolveConfig());
    expect(spy).not.toHaveBeenCalled();
    expect(r.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['facts-unavailable:unknown']);
  });

  it('turns a throwing check into check-error (could not verify) and keeps the error with its stack', () => {
    const s = machine();
    if (!s.host || 'collectionError' in s.host) throw new Error('fixture has no host');
    s.host.computerName = 'explode';
    const r = runCheck(boom, s, resolveConfig());
    expect(r.status).toBe('unknown');
    expect(r.findings[0]).toMatchObject({
      code: 'check-error',
      severity: 'unknown',
      message: { id: 'common.checkError', params: { error: 'cannot read properties of undefined' } },
    });
    expect(r.error?.stack).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
  });

  it('a crashing registered check makes the report AT RISK, never crashes it', () => {
    vi.spyOn(otherSessions, 'run').mockImplementation(() => {
      throw new Error('boom');
    });
    const report = run(machine());
    expect(report.verdict).toBe('AT RISK');
    expect(report.checks.find((c) => c.id === 'other-sessions')?.findings[0]?.localizedMessage).toBe(
      'could not verify: the check failed (boom)',
    );
  });

  it('prints the stack of a crashed check with --verbose and writes it to --log-file, and keeps stderr quiet otherwise', async () => {
    vi.spyOn(otherSessions, 'run').mockImplementation(() => {
      throw new Error('boom');
    });
    const quiet = await main(['check', '--snapshot', fixturePath('healthy-server-2019')], ENV);
    expect(quiet.exitCode).toBe(1);
    expect(quiet.stderr).toBe('');
    const log = join(mkdtempSync(join(tmpdir(), 'ipf-engine-')), 'probe.log');
    const verbose = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--verbose', '--log-file', log], ENV);
    expect(verbose.exitCode).toBe(1);
    expect(verbose.stderr).toMatch(/^image-preflight: check other-sessions failed: Error: boom\n\s+at /);
    expect(readFileSync(log, 'utf8')).toMatch(/check other-sessions failed: Error: boom\n\s+at /);
  });
});
