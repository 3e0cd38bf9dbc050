// Loads the playground's second WebAssembly module (web/extra: Pod Security admission, the
// kubectl debug form, Learn recipes) when the page first needs it. Imported by
// web/src/extra.rs; `make build` puts the module in pkg/extra/, beside the app's.

let loading = null;
let failures = 0;

/**
 * The module's exports, once it runs. A load that failed is tried again by the next call,
 * at an address of its own: the browser remembers a module that failed to load as failed.
 */
export function loadExtra() {
  const url = new URL("pkg/extra/ecplay_extra.js", document.baseURI);
  if (failures > 0) url.search = `?try=${failures + 1}`;
  loading ??= import(url.href)
    .then(async (module) => {
      await module.default();
      return module;
    })
    .catch((e) => {
      loading = null;
      failures += 1;
      throw e;
    });
  return loading;
}
