// What the start-up bundle has in place of the parts it leaves out (scripts/build.mjs). The command lines
// that reach them are handed to the full bundle first (src/startup/full-build.ts), so this never runs;
// if it does, the classification is wrong, and this says so instead of doing something else.
throw new Error('this part of image-preflight is not in the start-up bundle (a command line was not handed to the full bundle)');
