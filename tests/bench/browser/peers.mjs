// peers.mjs — the third-party contenders for the browser, bundled by esbuild
// into .cache/bench/peers.js by run.mjs (bare imports need a bundler there).
export * as aq from 'arquero';
export * as arrow from 'apache-arrow';
export * as duckdb from '@duckdb/duckdb-wasm';
