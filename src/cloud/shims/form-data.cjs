// Build-time stand-in for the `form-data` package, for esbuild's `alias` option. The SDK's
// HttpConnection constructs a FormData only for multipart requests (file uploads to some APIs), which
// image-preflight never sends: every call is a JSON POST. The real package brings mime-types and
// mime-db (about 140 KB of the bundle) that every start of the program would have to parse.
module.exports = function FormData() {
  throw new Error('multipart requests are not supported by this build of image-preflight');
};
