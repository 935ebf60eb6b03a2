// `summarize`: many reports into one fleet view. Loaded on demand: judging one machine never needs the
// fleet code, and only --format html loads the HTML page.
import type { SummaryFormat } from '../fleet/formats.js';
import type { FleetSummary } from '../fleet/summarize.js';
import type { Lang } from '../messages/types.js';
import { printed, type Outcome } from './outcome.js';

export interface SummarizeArgs {
  paths: string[];
  format: SummaryFormat;
  output?: string;
}

export async function runSummarize(args: SummarizeArgs, lang: Lang): Promise<Outcome> {
  const format = args.format;
  const [{ expandPaths, summarize }, render] = await Promise.all([
    import('../fleet/summarize.js'),
    format === 'html'
      ? import('../fleet/render-html.js').then((m) => m.renderSummaryHtml)
      : import('../fleet/render.js').then((m) => (s: FleetSummary) => m.renderSummary(s, format)),
  ]);
  const summary = summarize(expandPaths(args.paths), { lang });
  return printed(render(summary), lang, 0, args.output);
}
