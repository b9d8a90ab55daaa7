// load-engine.mjs — loads the built engine in Node the way the page does:
// the Emscripten factory from web/build/engine.js (a classic MODULARIZE
// script, required through createRequire) plus the .wasm bytes as
// wasmBinary, handed to createEngine from the binding (web/engine/engine.js).
// Run `./build.sh build` first.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../../web/engine/engine.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BUILD = join(REPO, 'web', 'build');

const require = createRequire(import.meta.url);

/** Returns a fresh engine instance (each call instantiates a new module). */
export async function loadEngine() {
  const factory = require(join(BUILD, 'engine.js'));
  const wasmBinary = readFileSync(join(BUILD, 'engine.wasm'));
  return createEngine({ factory, wasmBinary });
}
