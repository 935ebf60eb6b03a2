// Issue 12: machine data is written by anyone on the server. Each case here was reproduced on the
// code before it was fixed: the fake READY, the Markdown and CSV injections, the copy-paste command.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { renderCsv } from '../../src/fleet/render.js';
import type { FleetSummary } from '../../src/fleet/summarize.js';
import { render } from '../../src/report/render.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { addService, findings, machine, run, setService } from '../helpers.js';

const ESC = '\u001b';
const FAKE_READY = `\r\n\nREADY: custom image creation should work.${ESC}[8m`;
const text = (s: Snapshot) => render(run(s), { format: 'text', color: false, windowsSymbols: false });
const markdown = (s: Snapshot) => render(run(s), { format: 'markdown', color: false, windowsSymbols: false });

function hostile(): Snapshot {
  const s = machine('safedog-running');
  if (!s.host || 'collectionError' in s.host) throw new Error('no host');
  s.host.computerName = `WEB${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`;
  s.host.osCaption = `Windows${FAKE_READY}`;
  setService(s, 'Safedog Update Center', { PathName: `C:\\sd\\u.exe${FAKE_READY}` });
  s.collector = { ...s.collector, notes: [`note${ESC}[2J${ESC}[H`] };
  s.sessions = [
    { sessionId: 2, userName: 'WEB\\admin' },
    { sessionId: 5, userName: `evil${ESC}[1A${ESC}[2KREADY` },
  ];
  return s;
}

describe('text report', () => {
  it('shows control characters and escape sequences visibly: no fake READY line, nothing hidden', () => {
    const out = text(hostile());
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\r');
    expect(out.split('\n').filter((l) => l.startsWith('READY'))).toEqual([]);
    expect(out).toContain('\\x1b]8;;https://evil.example/');
    expect(out).toContain('C:\\sd\\u.exe\\r\\n\\nREADY: custom image creation should work.\\x1b[8m');
    expect(out.trimEnd().split('\n').at(-2)).toMatch(/^BLOCKED: /);
  });

  it('shows bidi overrides and zero-width characters visibly', () => {
    const s = machine();
    setService(s, 'QcloudService', { State: 'Stopped', PathName: 'C:\\Windows\\\u202eexe.tnegA\u200b.exe' });
    const out = text(s);
    expect(out).toContain('\\u202eexe.tnegA\\u200b.exe');
    expect(out).not.toMatch(/[\u202e\u200b]/);
  });
});

describe('fix commands', () => {
  it.each([
    ['Safedog Update Center"&calc&"', 'a quote ends the argument, & runs calc in cmd'],
    ['Svc$(calc)', '$(…) runs in PowerShell'],
    ['Svc%COMSPEC%', '%VAR% expands in cmd'],
    ['Svc`$x', 'the backtick escapes in PowerShell'],
    ['Svc\u201d;calc;\u201c', 'PowerShell treats typographic quotes as quotes'],
    ['Svc\r\ncalc', 'a line break runs a second command'],
  ])('prints no command for a service named %j (%s), but keeps the finding and its evidence', (name) => {
    const s = machine();
    addService(s, {
      Name: name,
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Program Files (x86)\\SafeDog\\x.exe',
      ProcessId: 4444,
    });
    const f = findings(run(s), 'security-software').find((x) => x.code === 'safedog-running');
    expect(f?.severity).toBe('fail');
    expect(f?.evidence.map((e) => e.ref)).toContain(name);
    const commands = f?.remediation.flatMap((r) => r.commands) ?? [];
    expect(commands).toEqual([]);
    expect(f?.remediation.map((r) => r.messageId)).toContain('fix#unquotableService');
  });

  it('quotes an ordinary name, with spaces or &, so both shells pass it through', () => {
    const s = machine();
    addService(s, {
      Name: 'Safedog Update & Center',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\SafeDog\\x.exe',
      ProcessId: 4444,
    });
    const f = findings(run(s), 'security-software').find((x) => x.code === 'safedog-running');
    expect(f?.remediation[0]?.commands).toEqual([
      'sc.exe config "Safedog Update & Center" start= demand',
      'sc.exe stop "Safedog Update & Center"',
    ]);
  });
});

describe('Markdown report', () => {
  it('a service name cannot close the code block or add fix commands; links and HTML are inert', () => {
    const s = machine();
    if (!s.host || 'collectionError' in s.host) throw new Error('no host');
    s.host.computerName = '# BLOCKED? no: [READY](javascript:alert(1)) </h1><img src=x onerror=alert(1)>';
    addService(s, {
      Name: 'x```\nrd /s /q C:\\\n```',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\SafeDog\\x.exe',
      ProcessId: 4242,
    });
    setService(s, 'QcloudService', { State: 'Stopped', PathName: 'C:\\Windows\\QcloudService.exe</td><img src=x onerror=alert(1)>' });
    const md = markdown(s);
    // Outside code spans (which Markdown shows literally) no HTML survives.
    const prose = md.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*?\1/g, '');
    expect(prose).not.toContain('<img');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md.split('\n')[0]).toBe(
      '# image-preflight: BLOCKED on \\# BLOCKED? no: \\[READY\\](javascript:alert(1)) &lt;/h1\\>&lt;img src=x onerror=alert(1)\\>',
    );
    // Every fence that opens is closed by an equal fence, and no line inside is a command of its own.
    expect(md).not.toMatch(/^rd \/s \/q/m);
    expect(md).toContain('- service ```` x```\\nrd /s /q C:\\\\n``` ````');
  });
});

describe('CSV summary', () => {
  it('quotes every field and defuses formulas, also after a semicolon (Excel in pt-BR and id splits on ;)', () => {
    const summary = {
      rows: [
        {
          computerName: "VM-7;=cmd|' /C calc'!A0;",
          verdict: 'READY',
          failures: 0,
          warnings: 0,
          couldNotVerify: 0,
          problems: [],
          generatedAt: '',
          collectedAt: '',
          os: '@SUM(A1)',
          file: '=1+1',
        },
      ],
    } as unknown as FleetSummary;
    const line = renderCsv(summary).split('\r\n')[1] ?? '';
    expect(line).toBe(`"VM-7;=cmd|' /C calc'!A0;","READY","0","0","0","","","","'@SUM(A1)","'=1+1",""`);
  });
});

describe('error lines', () => {
  it('show a file name or argument holding escapes or line breaks visibly, on one line', async () => {
    const env = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };
    const missing = await main(['--snapshot', `/nonexistent/${ESC}[2J\nREADY`], env);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toBe('image-preflight: cannot read snapshot /nonexistent/\\x1b[2J\\nREADY: no such file\n');
    const unknown = await main([`${ESC}[31mcmd`], env);
    expect(unknown.stderr).toBe('image-preflight: Unknown argument: \\x1b[31mcmd\n');
  });
});
