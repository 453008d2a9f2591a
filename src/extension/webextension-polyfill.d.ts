// The polyfill ships no types; its API is typed as WXT's `WxtBrowser` in ./api.ts.
declare module 'webextension-polyfill' {
  const browser: unknown;
  export default browser;
}
