// A loopback server that compresses like a real host (gzip level 6, a common server
// default) and never lets the browser cache: what the benchmark and Lighthouse measure.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves each `roots` entry (URL prefix → folder); the first prefix that matches, in the order given. */
export async function serveGzip(roots) {
  const cache = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, root] = Object.entries(roots).find(([p]) => path.startsWith(p)) ?? [];
    if (!root) return res.writeHead(404).end();
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) return res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      if (!cache.has(file)) {
        const body = await readFile(file);
        cache.set(file, { body, gzip: gzipSync(body, { level: 6 }) });
      }
      const { body, gzip } = cache.get(file);
      const zipped = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && TYPES[extname(file)];
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(zipped ? gzip : body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

