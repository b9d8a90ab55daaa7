// static-server.mjs — helpers for browser tests: a tiny static file server for web/ and a
// Chromium context the way tests/browser/page.test.mjs starts one (Debian's /usr/bin/chromium
// through playwright-core; never a downloaded browser).

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv',
};

// Serves `root` on 127.0.0.1 at an ephemeral port. Resolves to { server, base } where base is
// 'http://127.0.0.1:PORT/'. mounts: { '/prefix/': folder } serves a folder under a path
// (e.g. a package's data files beside the page, same origin); headers: sent with every file
// (e.g. the bench's cross-origin isolation). Paths outside their folder get 403, missing files
// 404. Close with server.close().
export function serveStatic(root, { mounts = {}, headers = {} } = {}) {
  const served = Object.entries(mounts).map(([prefix, folder]) => [prefix, path.resolve(folder)]);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const mount = served.find(([prefix]) => url.pathname.startsWith(prefix));
    const dir = mount ? mount[1] : path.resolve(root);
    const rel = mount ? `/${url.pathname.slice(mount[0].length)}` : url.pathname === '/' ? '/index.html' : url.pathname;
    let file;
    try {
      file = path.normalize(path.join(dir, decodeURIComponent(rel)));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Launches Chromium with a fresh profile directory. `options` are passed to
// launchPersistentContext (e.g. { bypassCSP: true, locale: 'zh-CN' }). Returns
// { context, close } where close() closes the browser and removes the profile.
export async function launchChromium(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-browser-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: CHROMIUM_ARGS,
      ...options,
    });
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Resolves with `promise`, or rejects after `ms` with a message naming `what`.
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
