// yargs looks for the nearest package.json from the working directory at start-up (escalade) to guess
// a version; image-preflight sets its version itself, and walking the user's folders costs a directory
// listing per level on every run. The bundle answers "not found" at once (scripts/build.mjs).
module.exports = function escaladeSync() {
  return undefined;
};
module.exports.default = module.exports;
