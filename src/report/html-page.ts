// The frame of both HTML pages (one machine, a fleet): one self-contained file that requests nothing.
// The style sheet and the few lines of script are inline and allowed by their SHA-256 hashes in a
// strict Content-Security-Policy, computed here when the page is rendered; nothing else may run, load
// or be sent, so data that slipped past the escaping (src/util/html.ts) still could not act.
import { createHash } from 'node:crypto';
import type { Lang } from '../messages/types.js';
import { htmlAttr, htmlText, jsonForScript } from '../util/html.js';

/** The id of the JSON block that `summarize` reads back from a machine page (saved-report.ts). */
export const REPORT_JSON_ID = 'image-preflight-report';

const STYLE = `
:root{color-scheme:light;--fail:#b3261e;--warn:#8a5a00;--unknown:#6f42c1;--pass:#1e7d32;--muted:#5f6368;--line:#dadce0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1.5rem;font:15px/1.5 system-ui,"Segoe UI","Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;color:#202124;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1rem;margin:0}
header .tool{color:var(--muted);margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.6rem 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.verdict{border-left:.5rem solid;padding:.7rem 1rem;margin:1rem 0;background:var(--bg)}.verdict p{margin:.2rem 0}.verdict .word{font-size:1.5rem;font-weight:700}
.v-BLOCKED{border-color:var(--fail)}.v-BLOCKED .word{color:var(--fail)}.v-AT-RISK{border-color:var(--warn)}.v-AT-RISK .word{color:var(--warn)}.v-READY{border-color:var(--pass)}.v-READY .word{color:var(--pass)}
.note{color:var(--warn)}.muted{color:var(--muted)}
.check{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.5rem 0;break-inside:avoid}
.check ul{margin:.4rem 0 0;padding-left:.2rem;list-style:none}.check li{margin:.25rem 0}.check li>details,.check li>p,.check li>.docs{margin-left:1.4rem}
.mark{display:inline-block;width:1.2em;font-weight:700}
.s-fail>h3 .mark,.sev-fail .mark,.vw.v-BLOCKED{color:var(--fail)}.s-warn>h3 .mark,.sev-warn .mark,.vw.v-AT-RISK{color:var(--warn)}.s-unknown>h3 .mark,.sev-unknown .mark{color:var(--unknown)}.s-pass>h3 .mark,.sev-pass .mark,.vw.v-READY{color:var(--pass)}.s-info>h3 .mark,.s-disabled>h3 .mark,.sev-info .mark{color:var(--muted)}.vw{font-weight:700}td.codes{font:12px ui-monospace,Consolas,monospace;color:var(--muted)}
.s-fail{border-left:4px solid var(--fail)}.s-warn{border-left:4px solid var(--warn)}.s-unknown{border-left:4px solid var(--unknown)}
.badge{font-size:.75rem;font-weight:700;padding:0 .4rem;border-radius:3px;border:1px solid currentColor;margin-left:.4rem;white-space:nowrap}
details{margin:.3rem 0}summary{cursor:pointer}
.block{position:relative;margin:.3rem 0}
pre{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.5rem .7rem;margin:0;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 ui-monospace,Consolas,"Courier New",monospace}
button.copy{position:absolute;top:.3rem;right:.3rem;font-size:.75rem}
code{font:13px ui-monospace,Consolas,monospace}
.docs{font-size:.85rem;color:var(--muted)}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}td.n,.vw,time span{white-space:nowrap}th button{text-align:inherit}td a{overflow-wrap:break-word}td.codes,td code{overflow-wrap:anywhere}
th button{font:inherit;font-weight:700;border:0;background:none;padding:0;cursor:pointer}th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.wide{overflow-x:auto}
.controls{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.5rem 0}
.controls input{min-width:16rem}
svg.chart text{font-size:13px;fill:#202124}svg.chart .b-BLOCKED{fill:var(--fail)}svg.chart .b-AT-RISK{fill:var(--warn)}svg.chart .b-READY{fill:var(--pass)}
.machine{border-top:1px solid var(--line);padding:.4rem 0}.many .machine{content-visibility:auto;contain-intrinsic-size:auto 6rem}.machine ul{list-style:none;padding-left:.2rem;margin:.2rem 0}
.machine h3 a{font-size:.8rem;font-weight:400;margin-left:.6rem}
@media print{body{max-width:none;padding:0;font-size:11pt}button.copy,.controls,.back{display:none}.machine{content-visibility:visible}a{color:inherit;text-decoration:none}}
`;

// Copy buttons; every <details> open while printing; the fleet table's filter and sort. Data never
// reaches this code as code: it reads text from the DOM and writes text (textContent) or hides rows.
const SCRIPT = `(()=>{const $=(s,r)=>Array.from((r||document).querySelectorAll(s));
document.addEventListener('click',e=>{const b=e.target instanceof Element&&e.target.closest('button.copy');if(!b||!navigator.clipboard)return;navigator.clipboard.writeText(b.parentElement.querySelector('pre').textContent).then(()=>{b.textContent=b.dataset.done},()=>{})});
let shut=[];addEventListener('beforeprint',()=>{shut=$('details:not([open])');for(const d of shut)d.open=true});addEventListener('afterprint',()=>{for(const d of shut)d.open=false});
const tb=document.querySelector('#machines tbody');if(!tb)return;const rows=$('tr',tb),q=document.getElementById('q'),v=document.getElementById('v'),n=document.getElementById('shown');let text;
const filter=()=>{text=text||rows.map(r=>r.textContent.toLowerCase());const s=q.value.trim().toLowerCase(),w=v.value;let k=0;rows.forEach((r,i)=>{r.hidden=!((!w||r.dataset.verdict===w)&&(!s||text[i].includes(s)));if(!r.hidden)k++});n.textContent=n.dataset.template.replace('{shown}',k).replace('{total}',rows.length)};
q.addEventListener('input',filter);v.addEventListener('change',filter);
const th=$('#machines thead th');th.forEach((h,i)=>{const b=h.querySelector('button');if(b)b.addEventListener('click',()=>{const up=h.getAttribute('aria-sort')!=='ascending',num=h.dataset.type==='num';for(const x of th)x.removeAttribute('aria-sort');h.setAttribute('aria-sort',up?'ascending':'descending');
const key=new Map(rows.map(r=>{const c=r.cells[i],x=c.dataset.sort!==undefined?c.dataset.sort:c.textContent;return[r,num?Number(x):x]}));
rows.sort((a,c)=>{const x=key.get(a),y=key.get(c);return(num?x-y:String(x).localeCompare(String(y)))*(up?1:-1)});text=undefined;const f=document.createDocumentFragment();for(const r of rows)f.append(r);tb.append(f)})})})();`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
let policy: string | undefined;

/** The page's Content-Security-Policy: only this style sheet and this script, no request of any kind. */
export function contentSecurityPolicy(): string {
  return (policy ??= [
    "default-src 'none'",
    `style-src ${hash(STYLE)}`,
    `script-src ${hash(SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '));
}

export interface PageParts {
  lang: Lang;
  title: string;
  body: string;
  /** Embedded as non-executable JSON: the machine page's report, for `summarize` to read back. */
  json?: { id: string; value: unknown };
}

export function htmlPage(p: PageParts): string {
  const json = p.json ? `<script type="application/json" id="${htmlAttr(p.json.id)}">${jsonForScript(p.json.value)}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="${htmlAttr(p.lang)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlAttr(contentSecurityPolicy())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlText(p.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${p.body}
${json}<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A copyable block of lines (evidence, fix commands). */
export function copyBlock(lines: string, copy: string, copied: string): string {
  return `<div class="block"><button type="button" class="copy" data-done="${htmlAttr(copied)}">${htmlText(copy)}</button><pre>${lines}</pre></div>`;
}
