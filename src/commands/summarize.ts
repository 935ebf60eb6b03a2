// `summarize`: many reports into one fleet view. Loaded on demand: judging one machine never needs the
// fleet code, and only --format html loads the HTML page.
import type { SummaryFormat } from '../fleet/formats.js';
import type { FleetSummary } from '../fleet/summarize.js';
import type { Lang } from '../messages/types.js';
import { InputError } from '../errors.js';
import { printed, styleOf, type Outcome } from './outcome.js';

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
  if (summary.reportsRead === 0) {
    // Nothing to summarize is a mistake (a wrong folder, the wrong files), not an empty fleet.
    const first = summary.skipped[0];
    if (!first) throw new InputError('error.noReports', { paths: args.paths.join(', ') });
    throw new InputError('error.noReportsSkipped', { file: first.file, reason: first.localizedReason, count: summary.skipped.length });
  }
  return printed(render(summary), lang, 0, args.output, styleOf(format));
}
