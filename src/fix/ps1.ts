// The plan as a Windows PowerShell script, for admins who prefer to read what runs and run it themselves:
// [CmdletBinding(SupportsShouldProcess)] gives it -WhatIf and -Confirm, each change asks ShouldProcess
// first, and it stops at the first program that fails. It runs the same programs with the same arguments
// as `fix --apply`, but keeps no journal: the undo of each step is written above it.
//
// Every data-derived string (a service name, a registry path, the report's sentences) is either a
// PowerShell single-quoted string, where only quote characters are special and are doubled (PowerShell
// takes ' ‘ ’ ‚ ‛ all as single quotes), or a comment with every line break, control, bidi and zero-width
// character shown as an escape, so nothing can end the comment or hide what the script does. An argument
// that holds such a character, or a double quote (Windows PowerShell 5.1 passes those to programs
// mangled), gets no command: the step is left out, with a comment saying why.
import { translator, type Translator } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import { visible } from '../util/safe-text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { printedAll, stepDo, type Invocation } from './commands.js';
import { subjectOf } from './describe.js';
import { stepTarget, type FixPlan, type PlannedAction, type Step } from './model.js';
import { sourceRef, stepCommands } from './render.js';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNSAFE_ARG = /["\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/;

/** A PowerShell single-quoted string holding exactly `s`. */
export function psQuote(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** One comment line: nothing in it can start a new line of code. */
const comment = (text: string) => `# ${visible(text)}`;

/** sc.exe's "already running" (1056) and "not started" (1062) are not failures. */
const okCodes = (inv: Invocation) =>
  inv.exe === 'sc.exe' && inv.args[0] === 'start'
    ? [0, 1056]
    : inv.exe === 'sc.exe' && inv.args[0] === 'stop'
      ? [0, 1062]
      : inv.exe === 'taskkill.exe'
        ? [0, 128]
        : [0];

function stepCode(t: Translator['t'], ref: Translator['ref'], action: PlannedAction, step: Step): string[] {
  const seen = step.kind === 'service' ? action.seen?.[stepTarget(step)] : undefined;
  const invs = stepDo(step, seen);
  const out: string[] = [];
  if (invs.some((inv) => inv.args.some((a) => UNSAFE_ARG.test(a)))) {
    out.push(comment(t('fix.plan.noCommand', { subject: subjectOf(step) })));
    return out;
  }
  // Shown by -WhatIf and -Confirm only: made visible like every other display of machine data.
  const target = psQuote(visible(ref(subjectOf(step))));
  // The state before, in the transcript: what the undo above needs when the report did not know it.
  if (step.kind === 'service') out.push(comment(t('fix.ps1.before')), `& sc.exe 'qc' ${psQuote(step.name)}`);
  if (step.kind === 'registry') out.push(comment(t('fix.ps1.before')), `& reg.exe 'query' ${psQuote(step.key)} '/v' ${psQuote(step.name)}`);
  for (const inv of invs) {
    const shown = psQuote(visible(printedAll([inv])?.[0] ?? `${inv.exe} ${inv.args.join(' ')}`));
    const args = inv.args.map(psQuote).join(' ');
    const codes = okCodes(inv);
    const check = codes.map((c) => `$LASTEXITCODE -ne ${c}`).join(' -and ');
    out.push(`if ($PSCmdlet.ShouldProcess(${target}, ${shown})) {`);
    out.push(`  & ${inv.exe} ${args}`);
    out.push(`  if (${check}) { throw (${psQuote(t('fix.ps1.failed'))} -f ${shown}, $LASTEXITCODE) }`);
    // sc.exe start and stop return at once; wait (30 s at most) for the service to get there.
    if (inv.exe === 'sc.exe' && (inv.args[0] === 'start' || inv.args[0] === 'stop'))
      out.push(
        `  Wait-IpfService ${psQuote(step.kind === 'service' ? step.name : '')} ${inv.args[0] === 'start' ? "'Running'" : "'Stopped'"}`,
      );
    out.push('}');
  }
  return out;
}

export function renderPlanPs1(plan: FixPlan, lang: Lang, generatedAt: Date): string {
  const { t, ref } = translator(lang);
  const lines: string[] = [
    comment(`${TOOL_NAME} ${VERSION}: ${t('fix.ps1.title', { computer: plan.computerName ?? '?', source: sourceRef(plan) })}`),
    comment(t('fix.ps1.generated', { at: generatedAt.toISOString() })),
    comment(t('fix.ps1.usage')),
    comment(t('fix.ps1.noJournal')),
    '#Requires -RunAsAdministrator',
    "[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]",
    'param()',
    "$ErrorActionPreference = 'Stop'",
    'Set-StrictMode -Version 2.0',
    'Add-Type -AssemblyName System.ServiceProcess',
    'function Wait-IpfService([string]$Name, [string]$Status) {',
    '  (New-Object System.ServiceProcess.ServiceController -ArgumentList $Name).WaitForStatus($Status, [TimeSpan]::FromSeconds(30))',
    '}',
  ];
  if (plan.computerName) {
    lines.push(
      '',
      comment(t('fix.ps1.otherMachine')),
      `if ($env:COMPUTERNAME -ne ${psQuote(visible(plan.computerName))}) { throw (${psQuote(t('fix.ps1.wrongMachine'))} -f $env:COMPUTERNAME) }`,
    );
  }
  plan.actions.forEach((a, i) => {
    lines.push('', comment(`${i + 1}. ${ref(a.title)}`), comment(t('fix.plan.why', { text: a.why })));
    for (const note of a.notes) lines.push(comment(t('fix.plan.note', { text: note })));
    if (a.requires === 'logoff-sessions') {
      lines.push(comment(t('fix.ps1.logoffSkipped')));
      for (const step of a.steps) for (const l of stepCommands(a, step).run ?? []) lines.push(comment(`  ${l}`));
      return;
    }
    for (const step of a.steps) {
      const c = stepCommands(a, step);
      if (step.kind === 'end-process' || step.kind === 'logoff')
        lines.push(comment(t('fix.plan.undoNone', { why: { id: step.kind === 'logoff' ? 'fix.undo.logoff' : 'fix.undo.process' } })));
      else if (c.undo?.length) lines.push(comment(t('fix.ps1.undo')), ...c.undo.map((l) => comment(`  ${l}`)));
      else lines.push(comment(t('fix.ps1.undoUnknown')));
      lines.push(...stepCode(t, ref, a, step));
    }
  });
  if (plan.actions.length === 0)
    lines.push('', comment(t('fix.plan.empty', { computer: plan.computerName ?? '?', source: sourceRef(plan) })));
  // CRLF: Windows PowerShell reads either, Notepad on older servers only this.
  return `${lines.join('\r\n')}\r\n`;
}
