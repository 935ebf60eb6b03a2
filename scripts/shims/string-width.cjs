// Every copy of string-width in the bundle (ours, cliui's, wrap-ansi's) resolves here (scripts/build.mjs).
// Printable ASCII is measured by its length, as string-width itself does first; only other text loads the
// real string-width 8, whose module builds an Intl.Segmenter (ICU set-up, ~7 ms each copy) when it loads.
let real;
function stringWidth(input, options) {
  if (typeof input === 'string' && /^[\u0020-\u007E]*$/.test(input)) return input.length;
  if (!real) real = require('string-width-real').default;
  return real(input, options);
}
module.exports = stringWidth;
module.exports.default = stringWidth;
