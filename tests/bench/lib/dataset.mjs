// dataset.mjs — the bench's synthetic datasets: deterministic flat records,
// written as one JSON array. Pure (no Node APIs): the bench's generator
// (tests/bench/run.mjs) and the smoke test (tests/js/bench-smoke.test.mjs)
// use the same code.
//
// A record, about 84 bytes of JSON:
//   {"ts":1700000030,"category":"c07","region":"Europe","value":523.17,"count":17,"flag":false}
// ts: seconds, increasing (30 s a record), the x of the interaction frame;
// category: 50 values, skewed (c00 is the most frequent); region: 6 values;
// value: cents / 100 (two decimals, 0 to 9999.99); count: integer 0..999;
// flag: boolean.

export const GENERATOR_VERSION = 1;
export const TS0 = 1700000000;
export const TS_STEP = 30;
export const CATEGORIES = Array.from({ length: 50 }, (_, i) => `c${String(i).padStart(2, '0')}`);
export const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Middle East', 'Oceania'];

/** The group-by every method runs: sum of `value` and count of rows by `key`. */
export const SYNTH_QUERY = { key: 'category', value: 'value' };
/** The same on vega-datasets' flights-200k.json: sum of delay by distance. */
export const FLIGHTS_QUERY = { key: 'distance', value: 'delay' };

/** A small seeded PRNG (xorshift32); returns a function giving uint32s. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Yields the JSON text of n records in chunks of up to `chunk` records:
 * "[" + records joined by "," + "]", no whitespace. Same n, same text. */
export function* datasetChunks(n, chunk = 10000) {
  const next = rng(0x9e3779b9 ^ n);
  yield '[';
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const parts = new Array(end - start);
    for (let i = start; i < end; i++) {
      const a = next();
      const b = next();
      // skew: the smaller of two draws favours low category numbers
      const c = Math.min(a % 50, (a >>> 8) % 50);
      const cents = b % 1000000;
      parts[i - start] = `${i ? ',' : ''}{"ts":${TS0 + i * TS_STEP},"category":"${CATEGORIES[c]}","region":"${
        REGIONS[(a >>> 16) % 6]}","value":${cents / 100},"count":${(b >>> 20) % 1000},"flag":${(a & 1) === 1}}`;
    }
    yield parts.join('');
  }
  yield ']';
}

/** The whole dataset as one string (for small n). */
export function datasetText(n) {
  let s = '';
  for (const c of datasetChunks(n)) s += c;
  return s;
}
