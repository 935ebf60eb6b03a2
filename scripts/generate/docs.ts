// Rewrites the generated section of docs/checks.md from the check declarations.
import { readFileSync, writeFileSync } from 'node:fs';
import { checksDoc, withGeneratedSection } from '../../src/checks/docs.js';
import { CHECKS } from '../../src/checks/index.js';

const file = 'docs/checks.md';
writeFileSync(file, withGeneratedSection(readFileSync(file, 'utf8'), checksDoc(CHECKS)));
console.log(`wrote ${file} (${CHECKS.length} checks)`);
