import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { render } from '../src/report/render.js';
import { machine, run } from './helpers.js';

const opts = (format: 'junit' | 'markdown') => ({ format, color: false, windowsSymbols: false });

describe('junit format', () => {
  const report = run(machine('updates-installing'), { disableChecks: ['system-dialogs'] });
  const xml = render(report, opts('junit'));
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const suite = doc.testsuites.testsuite;
  const cases = suite.testcase as Array<Record<string, unknown>>;

  it('is well-formed XML with the JUnit structure CI servers read', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc.testsuites).toMatchObject({ name: 'image-preflight', tests: String(report.checks.length) });
    expect(suite).toMatchObject({
      name: 'image-preflight VM-0-33-WINDOWS',
      hostname: 'VM-0-33-WINDOWS',
      failures: '2',
      errors: '0',
      // A disabled check, required-services (none configured) and the seven share checks (no scan).
      skipped: '9',
    });
    expect(cases).toHaveLength(report.checks.length);
    expect(suite.properties.property).toContainEqual({ name: 'verdict', value: 'AT RISK' });
  });
  it('maps warnings to failures with their type, disabled and not-applicable checks to skipped', () => {
    const byName = (id: string) => cases.find((c) => String(c.name).startsWith(`${id}:`))!;
    expect(byName('pending-reboot').failure).toMatchObject({ type: 'warn' });
    expect(String((byName('pending-reboot').failure as Record<string, unknown>)['#text'])).toContain('shutdown.exe /r /t 300 /c');
    expect(byName('system-dialogs').skipped).toMatchObject({ message: 'disabled' });
    expect(byName('required-services').skipped).toMatchObject({ message: 'not-applicable' });
    expect(byName('tencent-agents').failure).toBeUndefined();
  });
  it('reports could-not-verify as errors and escapes text', () => {
    const s = machine();
    s.services = { collectionError: { message: 'WMI said <nope> & "died"\u0007' } };
    const x = render(run(s), opts('junit'));
    expect(XMLValidator.validate(x)).toBe(true);
    expect(x).toContain('&lt;nope&gt; &amp; &quot;died&quot;');
    expect(x).toMatch(/<error type="could-not-verify"/);
  });
});

describe('markdown format', () => {
  it('has the verdict, a table row per check and the fix commands in code blocks', () => {
    const md = render(run(machine('trustedinstaller-disabled')), opts('markdown'));
    expect(md).toMatch(/^# image-preflight: BLOCKED on DB-01\n/);
    expect(md).toContain(
      '| Windows Modules Installer (`windows-modules-installer`) | FAIL | The Windows Modules Installer service (TrustedInstaller) is disabled |',
    );
    expect(md).toContain('```bat\nsc.exe config TrustedInstaller start= demand\n```');
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| check') && !l.startsWith('| ---'))).toHaveLength(
      CHECKS.length,
    );
  });
});
