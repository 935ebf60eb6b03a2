// yargs checks two internal invariants with node:assert (lib/platform-shims/esm.mjs). Loading node:assert
// costs a Node 22 start-up about 3.5 ms (it sets up colour support and opens stderr), so yargs' import of
// it resolves here (scripts/build.mjs): the same two checks, throwing the same kind of error.
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
  }
}
const fail = (message, fallback) => {
  throw message instanceof Error ? message : new AssertionError(message ?? fallback);
};
module.exports = {
  AssertionError,
  strictEqual(actual, expected, message) {
    if (!Object.is(actual, expected)) fail(message, 'Expected values to be strictly equal');
  },
  notStrictEqual(actual, expected, message) {
    if (Object.is(actual, expected)) fail(message, 'Expected "actual" to be strictly unequal to: ' + String(expected));
  },
};
