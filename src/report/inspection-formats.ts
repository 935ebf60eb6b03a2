// The formats of `inspect`, apart from their renderers so the command line can list them without
// loading the inspector.
export const INSPECT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type InspectFormat = (typeof INSPECT_FORMATS)[number];
