// The project's own promises about installing and testing it (issue 18): `npm ci` warns about no install
// script of ours, and `npm test` / `npm run test:all` do what the README says they do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };

describe('the project as installed and tested', () => {
  it('reviews every dependency with an install script in allowScripts, so npm ci prints no install-script warning', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(pkg.allowScripts?.[name], name).toBeTypeOf('boolean');
  });

  it('npm test leaves the exe and Wine out, as the README says; test:all requires Wine, Chromium and the disk tools', () => {
    expect(pkg.scripts.test).toMatch(/vitest run --exclude "test\/exe\/\*\*"/);
    expect(read('README.md')).toMatch(/`npm test` alone skips the exe and Wine/);
    for (const need of ['IPF_REQUIRE_WINE=1', 'IPF_REQUIRE_CHROMIUM=1', 'IPF_REQUIRE_DISK_TOOLS=1', 'npm run lint', 'npm run build:exe'])
      expect(pkg.scripts['test:all']).toContain(need);
    expect(read('.ci/run')).toMatch(/npm ci && npm run test:all/);
  });
});
