// The summary formats, apart from the renderers: the CLI lists them in --help without loading the
// fleet code (and its column-width tables) on every start.
export const SUMMARY_FORMATS = ['text', 'json', 'csv', 'html'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
