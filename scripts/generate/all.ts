// `npm run generate`: everything derived from the source, in dependency order. The pinned reports in
// test/i18n/__snapshots__ are rewritten after this by the npm script (vitest -u).
import './schema.js';
import './docs.js';
import './fixtures.js';
import './recordings.js';
