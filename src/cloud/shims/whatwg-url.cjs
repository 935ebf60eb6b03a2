// Build-time stand-in for the `whatwg-url` package, for esbuild's `alias` option. The SDK's
// node-fetch 2 only uses it when Node has no URL class (`Url.URL || whatwgUrl.URL`), but requiring
// the real package loads tr46, which requires the deprecated `punycode` core module: Node 22 (the
// single exe) then prints a DeprecationWarning on stderr, and the bundle carries ~290 KB for nothing.
module.exports = { URL: require('node:url').URL, URLSearchParams: require('node:url').URLSearchParams };
