import { describe, expect, it } from 'vitest';
import { render, renderReport } from '../src/report/render.js';
import { machine, run } from './helpers.js';

describe('text renderer', () => {
  const report = run(machine('trustedinstaller-disabled'));
  it('groups checks with one marked line each and indents evidence and fixes', () => {
    const text = render(report, { format: 'text', color: false, windowsSymbols: false });
    expect(text).toContain(
      '\nWindows servicing\n[✗] Windows Modules Installer\n    ✗ The Windows Modules Installer service (TrustedInstaller) is disabled\n',
    );
    expect(text).toContain('        service TrustedInstaller: State=Stopped StartMode=Disabled');
    expect(text).toContain(
      '      fix: Restore the default start mode (Manual) (elevated prompt):\n          sc.exe config TrustedInstaller start= demand\n',
    );
    expect(text).toMatch(/BLOCKED: image creation will fail/);
  });
  it('has no colour codes unless asked, and uses √ and X on Windows', () => {
    const plain = render(report, { format: 'text', color: false, windowsSymbols: true });
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('[X] Windows Modules Installer');
    expect(plain).toContain('[√] Pending restart');
    const coloured = render(report, { format: 'text', color: true, windowsSymbols: false });
    expect(coloured).toContain('\u001b[31m');
  });
  it('warns that facts may be incomplete when the collector was not elevated', () => {
    const s = machine();
    (s.host as { elevated: boolean }).elevated = false;
    expect(render(run(s), { format: 'text', color: false, windowsSymbols: false })).toContain('did not run elevated');
  });

  it('says why when the verdict is AT RISK only because checks could not verify', async () => {
    const s = machine();
    s.licensing = { collectionError: { message: 'not collected without PowerShell (fallback mode)', code: 'not-supported' } };
    const text = render(run(s), { format: 'text', color: false, windowsSymbols: false });
    expect(text).toContain('    ? could not verify: licensing (not collected without PowerShell (fallback mode))\n[');
    expect(text).toContain('AT RISK: 1 check could not verify this machine');
    // Every format says the same: there are no warnings to fix (Markdown once said "fix the warnings first").
    for (const format of ['markdown', 'html'] as const) {
      const out = await renderReport(run(s), { format, color: false, windowsSymbols: false });
      expect(out, format).toContain('could not verify this machine');
      expect(out, format).not.toContain('fix the warnings first');
    }
  });
});

describe('json report', () => {
  it('is versioned and carries every finding with id, status, message, evidence and remediation', () => {
    const json = JSON.parse(render(run(machine('safedog-running')), { format: 'json', color: false, windowsSymbols: false }));
    expect(json).toMatchObject({
      reportVersion: 1,
      tool: { name: 'image-preflight' },
      verdict: 'BLOCKED',
      exitCode: 2,
      snapshot: { schemaVersion: 1, computerName: 'WEB-PROD-03' },
    });
    const f = json.checks.find((c: { id: string }) => c.id === 'security-software').findings[0];
    expect(f).toMatchObject({
      checkId: 'security-software',
      code: 'safedog-running',
      severity: 'fail',
      messageId: 'security-software/safedog-running',
    });
    expect(f.evidence.length).toBeGreaterThan(0);
    expect(f.remediation[0].commands.length).toBeGreaterThan(0);
  });
});

describe('times for Windows eyes', () => {
  it("shows the machine's local time with its offset in text, Markdown and HTML; JSON keeps the UTC instant and the offset", async () => {
    const s = machine();
    s.collectedAt = '2026-11-20T09:30:12.114Z';
    s.utcOffsetMinutes = 480;
    const report = run(s);
    for (const format of ['text', 'markdown', 'html'] as const)
      expect(await renderReport(report, { format, color: false, windowsSymbols: false }), format).toContain(
        '2026-11-20 17:30:12 UTC+08:00',
      );
    const json = JSON.parse(render(report, { format: 'json', color: false, windowsSymbols: false }));
    expect(json.snapshot).toMatchObject({ collectedAt: '2026-11-20T09:30:12.114Z', utcOffsetMinutes: 480 });
    delete s.utcOffsetMinutes;
    expect(render(run(s), { format: 'text', color: false, windowsSymbols: false })).toContain('collected 2026-11-20 09:30:12 UTC\n');
  });
});
