// Added to wasm-bindgen's glue by `cargo xtask build` (xtask/src/split.rs), in front of
// it. The wasm is split in two (binaryen's wasm-split, guided by a profile of a new
// reader's first minutes): `rekindle-app_bg.wasm` holds what the welcome and the
// questions run, `rekindle-app_later.wasm` the rest (result, plan, journal, share links,
// import and export). The first is all a reader waits for; the second is fetched right
// after the widget has drawn its first view.
//
// Every function of the later part is reached through the shared table, where a
// placeholder stands until the later part fills it in. A placeholder that runs first
// (a reader quicker than the network, or a path the profile did not take) cannot wait
// for a promise: it fetches and compiles the later part there and then, synchronously,
// and checks its SHA-256 itself, since only `fetch` checks integrity.
//
// A reader with saved state, or a share link, needs the later part at once, so the
// start waits for it instead (no synchronous fetch on a returning reader's every visit).

/** SRI of the later part (`sha256-…`), filled in once it exists. */
const LATER_INTEGRITY = '__REKINDLE_LATER_SRI__';
const LATER_REFUSED = 'rekindle-app_later.wasm did not load or failed its SHA-256 check';
/** Beside the glue; the single file passes the bytes to init instead (`later`). */
const laterUrl = () => new URL('rekindle-app_later.wasm', import.meta.url);
let laterBytes;
let laterLoading;
let laterDone = false;
let primaryExports;

/** The placeholders' import module: each calls the function that belongs in its slot. */
const laterPlaceholders = new Proxy({}, {
  get: (_, slot) => (...args) => {
    laterNow();
    return primaryExports['%table'].get(Number(slot))(...args);
  },
});

function laterInstall(module) {
  if (!laterDone) {
    new WebAssembly.Instance(module, { primary: primaryExports });
    laterDone = true;
  }
}

/**
 * Fetches (checked by `fetch`'s integrity), compiles and installs the later part. In
 * the `background` (a new reader's widget already running), English then takes in its
 * later texts in this task of its own; a start that waits for the later part has not
 * started the Rust side yet, and English is built whole when it first runs.
 */
function laterLoad(background) {
  if (!laterLoading) {
    laterLoading = (laterBytes
      ? Promise.resolve(laterBytes)
      : fetch(laterUrl(), { integrity: LATER_INTEGRITY }).then((response) =>
          response.ok ? response.arrayBuffer() : Promise.reject(),
        )
    )
      .then((bytes) => WebAssembly.compile((laterBytes = bytes)))
      .then((module) => {
        laterInstall(module);
        if (background) later_arrived();
      })
      .catch(() => {
        // Tried again when the code is next needed; a start that waited reports it.
        laterLoading = undefined;
        throw new Error(LATER_REFUSED);
      });
  }
  return laterLoading;
}

/** The later part, now: the bytes already here, or fetched synchronously and checked. */
function laterNow() {
  if (laterDone) return;
  let bytes = laterBytes;
  if (!bytes) {
    const request = new XMLHttpRequest();
    request.open('GET', laterUrl(), false);
    request.overrideMimeType('text/plain; charset=x-user-defined');
    request.send();
    const text = request.responseText;
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 255;
    if (request.status !== 200 || laterSri(bytes) !== LATER_INTEGRITY) throw new Error(LATER_REFUSED);
  }
  laterInstall(new WebAssembly.Module(bytes));
}

/** `sha256-` and the base64 of the bytes' SHA-256 (FIPS 180-4). */
function laterSri(bytes) {
  const k = [];
  const h = [];
  for (let n = 2, found = 0; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (found < 8) h[found] = (Math.pow(n, 1 / 2) * 2 ** 32) | 0;
    k[found++] = (Math.pow(n, 1 / 3) * 2 ** 32) | 0;
  }
  const length = bytes.length;
  const padded = new Uint8Array(((length + 72) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 2 ** 29));
  view.setUint32(padded.length - 4, length << 3);
  const w = new Int32Array(64);
  const rotate = (x, n) => (x >>> n) | (x << (32 - n));
  for (let at = 0; at < padded.length; at += 64) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        w[t] = view.getInt32(at + 4 * t);
      } else {
        const a = w[t - 15];
        const b = w[t - 2];
        w[t] = (rotate(a, 7) ^ rotate(a, 18) ^ (a >>> 3)) + w[t - 16] + (rotate(b, 17) ^ rotate(b, 19) ^ (b >>> 10)) + w[t - 7];
      }
    }
    let [a, b, c, d, e, f, g, x] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = (x + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t]) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      x = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, x].forEach((v, i) => (h[i] = (h[i] + v) | 0));
  }
  const out = new DataView(new ArrayBuffer(32));
  h.forEach((v, i) => out.setInt32(4 * i, v));
  return 'sha256-' + btoa(String.fromCharCode(...new Uint8Array(out.buffer)));
}

/** Whether the start must wait for the later part: saved state or a share link. */
function laterAtStart() {
  if (/[#&]r=/.test(location.hash)) return true;
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (String(localStorage.key(i)).startsWith('rekindle.')) return true;
    }
    return false;
  } catch (_) {
    return true;
  }
}
