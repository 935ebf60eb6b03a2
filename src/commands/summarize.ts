// `summarize`: many JSON reports into one fleet view. Loaded on demand: judging one machine never
// needs the fleet code.
import type { SummaryFormat } from '../fleet/formats.js';
import type { Lang } from '../messages/types.js';
import { printed, type Outcome } from './outcome.js';

export interface SummarizeArgs {
  paths: string[];
  format: SummaryFormat;
  output?: string;
}

export async function runSummarize(args: SummarizeArgs, lang: Lang): Promise<Outcome> {
  const [{ expandPaths, summarize }, { renderSummary }] = await Promise.all([
    import('../fleet/summarize.js'),
    import('../fleet/render.js'),
  ]);
  const summary = summarize(expandPaths(args.paths), { lang });
  return printed(renderSummary(summary, args.format), lang, 0, args.output);
}
