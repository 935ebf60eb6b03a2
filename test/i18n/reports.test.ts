// One full report per language, pinned as files a reviewer can read side by side, and what the JSON
// report and the fleet summary keep in every language.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judge.js';
import { render } from '../../src/report/render.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { renderSummaryText } from '../../src/fleet/render.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import { collectionError } from '../../src/collect/collection-error.js';
import { LANGS, type Lang } from '../../src/messages/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { displayWidth } from '../../src/util/display-width.js';
import { addProcess, loadFixture, machine, setService } from '../helpers.js';
import { buildInspection } from '../../src/report/inspection.js';
import { renderInspectionMarkdown, renderInspectionText } from '../../src/report/render-inspection.js';
import { healthy } from '../inspect/sample-facts.js';

const NOW = new Date('2026-11-23T00:00:00Z');

/** A machine with something in every section: a failure, warnings, a could-not-verify, collector notes, secrets. */
function troubledMachine(): Snapshot {
  const s = machine('updates-installing');
  setService(s, 'QcloudService', { State: 'Stopped', ProcessId: 0 });
  addProcess(s, 'SafeDogGuardCenter.exe', 'C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\SafeDogGuardCenter.exe');
  const timeout = { id: 'collector.psTimeout', params: { seconds: 45 } } as const;
  s.sessions = collectionError(timeout, 'powershell', 'timeout') as Snapshot['sessions'];
  s.collector = { ...s.collector, notes: ['PowerShell did not finish within 45 s'], noteRefs: [timeout] };
  // What the share-readiness scan found on the machine of the secrets fixture: the "Safe to share" section.
  s.secrets = loadFixture('secrets-on-disk').secrets;
  return s;
}

const reportIn = (lang: Lang) => judge(troubledMachine(), resolveConfig(), { lang, now: NOW });

describe('a full report in each language', () => {
  // One file per language, text then Markdown, for a reviewer to read side by side (npm run generate rewrites them).
  it.each(LANGS)('%s', async (lang) => {
    const report = reportIn(lang);
    const text = render(report, { format: 'text', color: false, windowsSymbols: false });
    const md = render(report, { format: 'markdown', color: false, windowsSymbols: false });
    await expect(`${text}\n-------- markdown --------\n\n${md}`).toMatchFileSnapshot(`__snapshots__/report.${lang}.txt`);
  });

  it("JUnit names test cases and failures in the report's language; its properties stay stable", () => {
    const xml = render(reportIn('pt-BR'), { format: 'junit', color: false, windowsSymbols: false });
    expect(xml).toContain('<testcase classname="image-preflight.security" name="security-software: Antivírus e Safedog" time="0">');
    expect(xml).toContain(
      '<failure type="fail" message="Safedog (安全狗) está em execução: ele bloqueia os scripts de criação de imagem">',
    );
    expect(xml).toContain('[falha] Safedog (安全狗) está em execução');
    expect(xml).toContain('<property name="verdict" value="BLOCKED"/>');
  });

  it('the troubled machine shows every kind of outcome', () => {
    const r = reportIn('en');
    expect(r.verdict).toBe('BLOCKED');
    expect(r.counts.fail).toBeGreaterThanOrEqual(2);
    expect(r.counts.warn).toBeGreaterThanOrEqual(2);
    expect(r.counts.unknown).toBe(1);
  });

  it('commands and registry paths in fixes stay verbatim in every language', () => {
    const commands = (lang: Lang) =>
      reportIn(lang).checks.flatMap((c) => c.findings.flatMap((f) => f.remediation.flatMap((m) => m.commands)));
    const english = commands('en');
    expect(english.length).toBeGreaterThan(3);
    for (const lang of LANGS) expect(commands(lang)).toEqual(english);
  });

  it('collector notes and collection errors are worded from their ids', () => {
    const zh = reportIn('zh-CN');
    expect(zh.snapshot.collectorNotes).toEqual(['PowerShell did not finish within 45 s']);
    expect(zh.snapshot.localizedCollectorNotes).toEqual(['PowerShell 未在 45 秒内完成']);
    const sessions = zh.checks.find((c) => c.id === 'other-sessions')!.findings[0]!;
    expect(sessions.localizedMessage).toBe('无法确认：登录会话（sessions）：PowerShell 未在 45 秒内完成');
    expect(sessions.message).toBe('could not verify: sessions (PowerShell did not finish within 45 s)');
  });

  it("a collection error without an id (PowerShell's own exception text) is shown as written", () => {
    const s = troubledMachine();
    s.sessions = { collectionError: { message: '拒绝访问。', source: 'Win32_Process.GetOwner', code: 'access-denied' } };
    const r = judge(s, resolveConfig(), { lang: 'pt-BR', now: NOW });
    expect(r.checks.find((c) => c.id === 'other-sessions')!.findings[0]!.localizedMessage).toBe(
      'não foi possível verificar: sessões (sessions): 拒绝访问。',
    );
  });
});

describe('the JSON report in another language', () => {
  it('keeps stable ids, the English text and the localized text side by side', () => {
    const r = JSON.parse(render(reportIn('zh-CN'), { format: 'json', color: false, windowsSymbols: false }));
    expect(r.lang).toBe('zh-CN');
    expect(r.verdict).toBe('BLOCKED');
    const security = r.checks.find((c: { id: string }) => c.id === 'security-software');
    expect(security).toMatchObject({ title: 'Antivirus and Safedog', localized: { title: '杀毒软件与安全狗' } });
    const safedog = security.findings[0];
    expect(safedog).toMatchObject({
      code: 'safedog-running',
      severity: 'fail',
      messageId: 'security-software/safedog-running',
      message: 'Safedog (安全狗) is running: it blocks the image creation scripts',
      localizedMessage: 'Safedog (安全狗) 正在运行：它会拦截镜像创建脚本',
    });
    expect(safedog.remediation[0].text).toMatch(/^Before the capture: Exit Safedog/);
    expect(safedog.remediation[0].localizedText).toMatch(/^创建镜像前：先从托盘图标或安全狗控制台退出安全狗/);
  });

  it('with English, the localized fields equal the English ones', () => {
    const r = reportIn('en');
    for (const c of r.checks) {
      expect(c.localized.title).toBe(c.title);
      for (const f of c.findings) expect(f.localizedMessage).toBe(f.message);
    }
  });
});

describe('fleet summary across languages', () => {
  function fleetDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-i18n-fleet-'));
    // Reports written in three languages: the summary words them all in its own.
    (['zh-CN', 'pt-BR', 'en'] as const).forEach((lang, i) => {
      const r = reportIn(lang);
      r.snapshot.computerName = `CVM-${i}`;
      r.snapshot.instanceId = `ins-i18n000${i}`;
      writeFileSync(join(dir, `${i}.json`), JSON.stringify(r));
    });
    writeFileSync(join(dir, 'broken.json'), '{"reportVersion": 1,');
    return dir;
  }

  it('words every problem in the summary language, whatever language each report was written in', () => {
    const s = summarize(expandPaths([fleetDir()]), { lang: 'id' });
    const safedog = s.topProblems.find((p) => p.problem === 'security-software/safedog-running')!;
    expect(safedog.machines).toBe(3);
    expect(safedog.message).toBe('Safedog (安全狗) is running: it blocks the image creation scripts');
    expect(safedog.localizedMessage).toBe('Safedog (安全狗) sedang berjalan: aplikasi ini memblokir skrip pembuatan citra');
    expect(s.skipped[0]).toMatchObject({
      reason: expect.stringMatching(/^not valid JSON/),
      localizedReason: expect.stringMatching(/^bukan JSON yang valid/),
    });
  });

  it('keeps the table columns aligned when severities are Chinese (two columns per character)', () => {
    const text = renderSummaryText(summarize(expandPaths([fleetDir()]), { lang: 'zh-CN' }));
    const rows = text.split('\n').filter((l) => /^\s+\d+\s{2}\S+\/\S+/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    // The message column starts at the same display column on every row.
    const messageColumn = (row: string) => displayWidth(row.slice(0, row.search(/(失败|警告|无法确认)\s+\S/)));
    const severityStarts = new Set(rows.map(messageColumn));
    expect(severityStarts.size).toBe(1);
    const afterSeverity = new Set(
      rows.map((row) => {
        const m = /(失败|警告|无法确认)(\s+)/.exec(row)!;
        return displayWidth(row.slice(0, m.index)) + displayWidth(m[1]!) + m[2]!.length;
      }),
    );
    expect(afterSeverity.size).toBe(1);
    expect(text).toContain('受阻（3 台）：');
  });
});

describe('an image file inspection in each language', () => {
  /** A Windows image with something in every group: a warning, a failure, a could-not-verify, details and commands. */
  function troubledImage() {
    const f = healthy();
    f.virtualSize = 640 * 2 ** 30;
    f.damage = ['VHD BAT entry 7 points past the end of the file'];
    f.allocatedSize = { known: false, reason: 'the BAT is damaged' };
    if (f.windows.known && f.windows.value)
      f.windows.value.files['Windows\\System32\\drivers\\viostor.sys'] = { known: true, value: false };
    return f;
  }

  // One file per language, text then Markdown, for a reviewer to read side by side (npm run generate rewrites them).
  it.each(LANGS)('%s', async (lang) => {
    const report = buildInspection(troubledImage(), { lang, now: NOW });
    const text = renderInspectionText(report, { color: false });
    const md = renderInspectionMarkdown(report);
    await expect(`${text}\n-------- markdown --------\n\n${md}`).toMatchFileSnapshot(`__snapshots__/inspection.${lang}.txt`);
  });

  it('keeps the English sentence beside the localized one, and the stable codes', () => {
    const report = buildInspection(troubledImage(), { lang: 'pt-BR', now: NOW });
    expect(report.findings.find((f) => f.code === 'virtio-storage-missing')).toMatchObject({
      severity: 'warn',
      tencentCode: 'VirtioNotInstall',
      messageId: 'inspect.finding.virtio-storage-missing',
      message: expect.stringMatching(/^No virtio storage driver/),
      localizedMessage: expect.stringMatching(/^Nenhum driver de armazenamento Virtio/),
      tencentReason: 'Virtio driver not installed',
      localizedTencentReason: 'driver Virtio não instalado',
    });
    expect(report.findings.find((f) => f.code === 'virtual-size-too-large')?.localizedMessage).toMatch(/^O tamanho virtual de 640 GiB/);
  });
});
