// Each language's glossary (docs/glossary/<lang>.json) against every sentence in that language: a
// Windows or Tencent Cloud term the glossary lists appears only in its listed form. The checker itself
// is tested on planted catalogues, so a glossary test that cannot fail would show here.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/messages/types.js';
import { checkGlossary, loadGlossary, sentencesIn, type Glossary } from './glossary.js';

describe('glossaries', () => {
  it.each(LANGS)('%s: every sentence uses the glossary forms', (lang) => {
    const glossary = loadGlossary(lang);
    expect(glossary.lang).toBe(lang);
    const sentences = sentencesIn(lang);
    expect(sentences.size).toBeGreaterThan(400);
    // Each check's docs (what `image-preflight explain` prints) are checked too.
    expect(sentences.has('shutdown-readiness#docs')).toBe(true);
    expect(checkGlossary(glossary, sentences)).toEqual([]);
  });

  it.each(LANGS)('%s: every term has a source, wrong forms, and none of them is part of the right one', (lang) => {
    const glossary = loadGlossary(lang);
    expect(glossary.terms.length).toBeGreaterThan(3);
    for (const t of glossary.terms) {
      expect(t.source.length, t.term).toBeGreaterThan(10);
      expect(['windows', 'tencent', 'style']).toContain(t.kind);
      expect(t.forbidden.length, t.term).toBeGreaterThan(0);
      // A wrong form inside the right one would flag every correct use.
      for (const wrong of t.forbidden) expect(t.term.includes(wrong), `${t.term} / ${wrong}`).toBe(false);
    }
  });

  it('fails on a planted wrong term, naming the sentence, the wrong form and the right one', () => {
    const zh = loadGlossary('zh-CN');
    const planted = new Map(sentencesIn('zh-CN'));
    planted.set('report.build', '，版本号 {build}');
    planted.set('shutdown-readiness/tracker-on', '关机事件跟踪程序已开启');
    expect(checkGlossary(zh, planted)).toEqual([
      { id: 'report.build', term: '内部版本', found: '版本号 {build}' },
      { id: 'shutdown-readiness/tracker-on', term: '关闭事件跟踪程序', found: '关机事件跟踪程序' },
    ]);
    const pt = loadGlossary('pt-BR');
    const ptPlanted = new Map(sentencesIn('pt-BR')).set('status.notApplicable', 'n/d');
    expect(checkGlossary(pt, ptPlanted)).toEqual([{ id: 'status.notApplicable', term: 'não se aplica', found: 'n/d' }]);
    const id = loadGlossary('id');
    expect(checkGlossary(id, new Map([['x', 'Pelaporan Kesalahan Windows mati']]))).toEqual([
      { id: 'x', term: 'Windows Error Reporting', found: 'Pelaporan Kesalahan Windows' },
    ]);
  });

  it('checks the forms it is given and nothing else', () => {
    const glossary: Glossary = {
      lang: 'zh-CN',
      about: '',
      terms: [{ en: 'custom image', term: '自定义镜像', forbidden: ['自定义映像'], source: 'a planted glossary', kind: 'tencent' }],
    };
    expect(checkGlossary(glossary, new Map([['a', '创建自定义镜像']]))).toEqual([]);
    expect(checkGlossary(glossary, new Map([['a', '创建自定义映像']]))).toHaveLength(1);
  });
});
