// Which language a run speaks, and that everything it says, help and errors included, follows it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { langFromLocale, resolveLang } from '../../src/messages/lang.js';
import { LANGS } from '../../src/messages/types.js';
import { displayWidth } from '../../src/util/display-width.js';
import { fixturePath, machine } from '../helpers.js';

const linux = (env: Record<string, string> = {}) => ({ platform: 'linux' as const, stdoutIsTTY: false, env });
const CHINESE = fixturePath('chinese-server-2016-huorong');
const PORTUGUESE = fixturePath('portuguese-server-2022');
const ENGLISH = fixturePath('healthy-server-2019');

describe('locale names', () => {
  it.each([
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_SG', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh_TW.UTF-8', undefined],
    ['zh-Hant-HK', undefined],
    ['pt_BR.UTF-8', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['id_ID.UTF-8', 'id'],
    ['id-ID', 'id'],
    ['in_ID', 'id'],
    ['en_US.UTF-8', 'en'],
    ['en-GB', 'en'],
    ['fr_FR.UTF-8', undefined],
    ['de-DE', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s is %s', (name, lang) => {
    expect(langFromLocale(name)).toBe(lang);
  });
});

describe('which language wins', () => {
  it("--lang, then LC_ALL, LC_MESSAGES, LANG, then the snapshot's UI culture, then English", () => {
    expect(resolveLang({ flag: 'id', env: { LANG: 'pt_BR.UTF-8' }, uiCulture: 'zh-CN' })).toBe('id');
    expect(resolveLang({ env: { LC_ALL: 'zh_CN.UTF-8', LANG: 'pt_BR.UTF-8' } })).toBe('zh-CN');
    expect(resolveLang({ env: { LC_MESSAGES: 'id_ID.UTF-8', LANG: 'pt_BR.UTF-8' } })).toBe('id');
    expect(resolveLang({ env: { LANG: 'pt_BR.UTF-8' }, uiCulture: 'zh-CN' })).toBe('pt-BR');
    expect(resolveLang({ env: {}, uiCulture: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLang({ env: {}, uiCulture: null })).toBe('en');
    expect(resolveLang({ env: {} })).toBe('en');
  });

  it('C and POSIX locales name no language: the snapshot decides', () => {
    expect(resolveLang({ env: { LANG: 'C.UTF-8' }, uiCulture: 'pt-BR' })).toBe('pt-BR');
    expect(resolveLang({ env: { LC_ALL: 'POSIX', LANG: 'id_ID' }, uiCulture: 'zh-CN' })).toBe('zh-CN');
  });

  it("a language we do not speak means English, not the snapshot's language", () => {
    expect(resolveLang({ env: { LANG: 'fr_FR.UTF-8' }, uiCulture: 'zh-CN' })).toBe('en');
    expect(resolveLang({ env: {}, uiCulture: 'ja-JP' })).toBe('en');
  });
});

describe('the command line', () => {
  it('judges a Chinese machine in Chinese when nothing else is said', async () => {
    const r = await main(['check', '--snapshot', CHINESE], linux());
    expect(r.stdout).toContain('有风险：镜像创建可能失败或被中断，请先处理警告项。');
    expect(r.exitCode).toBe(1);
  });

  it('LANG beats the snapshot, --lang beats LANG, --lang=X works too', async () => {
    expect((await main(['check', '--snapshot', CHINESE], linux({ LANG: 'pt_BR.UTF-8' }))).stdout).toContain(
      'EM RISCO: a criação da imagem pode falhar',
    );
    expect((await main(['check', '--snapshot', CHINESE, '--lang', 'id'], linux({ LANG: 'pt_BR.UTF-8' }))).stdout).toContain(
      'BERISIKO: pembuatan citra bisa gagal',
    );
    expect((await main(['--lang=en', 'check', '--snapshot', PORTUGUESE], linux())).stdout).toContain(
      'READY: custom image creation should work.',
    );
    expect((await main(['check', '--snapshot', PORTUGUESE], linux())).stdout).toContain(
      'PRONTO: a criação da imagem personalizada deve funcionar.',
    );
  });

  it('the JSON report records its language', async () => {
    const r = JSON.parse((await main(['check', '--snapshot', ENGLISH, '--format', 'json', '--lang', 'zh-CN'], linux())).stdout);
    expect(r.lang).toBe('zh-CN');
    expect(r.checks[0]).toMatchObject({ title: 'Tencent agents', localized: { title: '腾讯云代理程序' } });
  });

  it("rejects an unknown --lang in one line, exit 3, in the environment's language", async () => {
    expect(await main(['check', '--snapshot', ENGLISH, '--lang', 'fr'], linux())).toEqual({
      stdout: '',
      exitCode: 3,
      stderr: 'image-preflight: --lang must be one of en, zh-CN, pt-BR, id, got "fr"\n',
    });
    expect((await main(['--lang=xx'], linux({ LANG: 'zh_CN.UTF-8' }))).stderr).toBe(
      'image-preflight: --lang 必须是 en, zh-CN, pt-BR, id 之一，实际为“xx”\n',
    );
  });

  it('words input errors in the chosen language, still on one line', async () => {
    const missing = await main(['check', '--snapshot', '/nonexistent/x.json', '--lang', 'pt-BR'], linux());
    expect(missing).toMatchObject({
      exitCode: 3,
      stderr: 'image-preflight: falha ao ler snapshot /nonexistent/x.json: arquivo inexistente\n',
    });

    const bad = machine();
    (bad.services as unknown as Array<Record<string, unknown>>)[0]!.State = 4;
    const file = join(mkdtempSync(join(tmpdir(), 'ipf-i18n-')), 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const zh = await main(['check', '--snapshot', file], linux({ LANG: 'zh_CN.UTF-8' }));
    expect(zh.stderr).toBe(`image-preflight: 快照 ${file}：services[0].State：应为字符串，实际为数字\n`);
    const truncated = join(mkdtempSync(join(tmpdir(), 'ipf-i18n-')), 'cut.json');
    writeFileSync(truncated, '{"schemaVersion": 1, "collectedAt": "x"');
    expect((await main(['check', '--snapshot', truncated, '--lang', 'id'], linux())).stderr).toMatch(
      /^image-preflight: snapshot .*cut\.json: bukan JSON yang valid di baris 1, kolom 40: .+\n$/,
    );
  });

  it("words yargs' own usage errors from our catalogues", async () => {
    const r = await main(['check', '--bogus', '--lang', 'zh-CN'], linux());
    expect(r).toMatchObject({ exitCode: 3, stderr: 'image-preflight: 无法识别的选项：bogus\n' });
    const choice = await main(['check', '--format', 'pdf', '--lang', 'pt-BR'], linux());
    expect(choice.stderr).toBe(
      'image-preflight: Valores inválidos: Argumento: format, recebido: "pdf", opções: "text", "json", "junit", "markdown", "html"\n',
    );
  });

  it('prints --help in the chosen language, with columns aligned for wide characters', async () => {
    const top = await main(['--help', '--lang', 'zh-CN'], linux());
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toContain('这台 Windows 云服务器能否用于创建腾讯云自定义镜像？');
    expect(top.stdout).toContain('命令：');
    expect(top.stdout).toContain('退出码：0 就绪，1 有风险，2 受阻，3 用法或输入错误。\nfix 和 restore：0 完成');
    const r = await main(['check', '--help', '--lang', 'zh-CN'], linux());
    expect(r.stdout).toContain('选项：');
    expect(r.stdout).toContain('显示帮助信息');
    expect(r.stdout).toContain('[字符串]');
    // Every option's description starts at the same column and stays on its line with its type tag
    // (Chinese has no spaces to wrap at, so rows are not wrapped).
    const optionLines = r.stdout.split('\n').filter((l) => /^\s+(-h, )?--[a-z-]+\s{2,}\S/.test(l));
    expect(optionLines.length).toBe(21);
    const descriptionStart = (l: string) => displayWidth(/^(\s+(?:-h, )?--[a-z-]+\s{2,})/.exec(l)![1]!);
    expect(new Set(optionLines.map(descriptionStart)).size).toBe(1);
    for (const l of optionLines) expect(l).toMatch(/[\u4e00-\u9fff].*\]$/);
    // The commands' descriptions line up too, though the command names differ in length.
    const commandLines = top.stdout.split('\n').filter((l) => /^ {2}image-preflight \S/.test(l));
    expect(commandLines).toHaveLength(11);
    expect(new Set(commandLines.map((l) => displayWidth(l.slice(0, l.search(/[\u4e00-\u9fff]/)))))).toEqual(new Set([39]));
  });

  it.each(LANGS)('%s: every row of every --help fits a 120-column console', async (lang) => {
    const top = await main(['--help', '--lang', lang], linux());
    // The commands the top-level help lists, so a command added later is measured too.
    const commands = [...top.stdout.matchAll(/^ {2}image-preflight ([a-z][a-z-]*)/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const tooWide: string[] = [];
    for (const args of [[], ...commands.map((c) => [c])]) {
      const r = await main([...args, '--help', '--lang', lang], linux());
      expect(r.exitCode, args.join(' ')).toBe(0);
      for (const row of r.stdout.split('\n'))
        if (displayWidth(row) > 120) tooWide.push(`${args.join(' ') || '(top)'}: ${displayWidth(row)}: ${row}`);
    }
    expect(tooWide).toEqual([]);
  });

  it('--help in Portuguese and Indonesian too', async () => {
    expect((await main(['--help', '--lang', 'pt-BR'], linux())).stdout).toContain('Comandos:');
    expect((await main(['--help'], linux({ LC_ALL: 'id_ID.UTF-8' }))).stdout).toContain('Tampilkan bantuan');
  });
});
