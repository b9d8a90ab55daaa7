// chart-link.test.mjs — share-link values for chart descriptions
// (web/core/chart-link.js): round trips, the data size rule, and every kind of
// damaged link refused with a LinkError. Oracles: Node's zlib (deflateRawSync,
// inflateRawSync, crc32) build and read values independently of the module.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  LinkError, MAX_LINK_DATA_CHARS, MAX_LINK_JSON_BYTES, chartLinkHash, decodeChartLink, encodeChartLink,
  encodeChartLinkDetailed, linkValueFromHash,
} from '../../web/core/chart-link.js';

const description = {
  format: 'ev-chart/1',
  locales: ['en', 'zh'],
  title: { en: 'Cars by origin', zh: '按产地分的汽车' },
  views: [{ id: 'mpg', title: 'MPG </script><b>', table: 'data', mark: 'bar', x: { column: 'Origin' }, y: { column: 'Miles_per_Gallon', aggregate: 'mean' } }],
};
const data = [{ Origin: 'USA', Miles_per_Gallon: 18 }, { Origin: 'Japan', Miles_per_Gallon: 31.5 }, { Origin: '日本 \u202e', Miles_per_Gallon: null }];

// A value built by the test alone: Node's zlib and crc32.
function handMade(payload, { version = '1', length, crc } = {}) {
  const bytes = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const b64 = zlib.deflateRawSync(bytes).toString('base64url');
  return `${version}.${length ?? bytes.length}.${(crc ?? zlib.crc32(bytes)).toString(16).padStart(8, '0')}.${b64}`;
}

async function refuses(value, pattern) {
  await assert.rejects(decodeChartLink(value), (e) => {
    assert.ok(e instanceof LinkError, `not a LinkError: ${e && e.stack}`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

test('a description with data round-trips, and the value is what zlib and crc32 make of the JSON text', async () => {
  const { value, hasData, chars } = await encodeChartLinkDetailed({ description, data });
  assert.equal(hasData, true);
  assert.equal(chars, value.length);
  const [v, len, crc, b64] = value.split('.');
  assert.equal(v, '1');
  const json = zlib.inflateRawSync(Buffer.from(b64, 'base64url'));
  assert.equal(Number(len), json.length);
  assert.equal(crc, zlib.crc32(json).toString(16).padStart(8, '0'));
  assert.deepEqual(JSON.parse(json.toString('utf8')), { description, data });
  assert.deepEqual(await decodeChartLink(value), { description, data });
  assert.match(value, /^[0-9a-f.A-Za-z_-]+$/, 'a fragment-safe value');
});

test('a hand-made value (zlib oracle) decodes to the same payload', async () => {
  assert.deepEqual(await decodeChartLink(handMade({ description, data })), { description, data });
  assert.deepEqual(await decodeChartLink(handMade({ description })), { description });
});

test('data goes in only when the value stays within maxBytes; the description alone otherwise', async () => {
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const big = Array.from({ length: 4000 }, (_, i) => ({ i, v: rnd(), s: rnd().toString(36) }));
  const out = await encodeChartLinkDetailed({ description, data: big });
  assert.equal(out.hasData, false);
  assert.deepEqual(await decodeChartLink(out.value), { description });
  const withData = await encodeChartLinkDetailed({ description, data: big }, { maxBytes: 10 * 1024 * 1024 });
  assert.equal(withData.hasData, true);
  assert.ok(withData.chars > MAX_LINK_DATA_CHARS);
  assert.deepEqual((await decodeChartLink(withData.value)).data, big);
  assert.equal(await encodeChartLink({ description, data: big }), out.value);
  const small = await encodeChartLinkDetailed({ description, data }, { maxBytes: 10 });
  assert.equal(small.hasData, false);
});

test('encoding refuses a payload with no description object', async () => {
  for (const bad of [undefined, null, [], 'x', 3]) {
    await assert.rejects(encodeChartLink({ description: bad }), LinkError);
  }
});

test('every truncation of a value is refused', async () => {
  const value = await encodeChartLink({ description, data });
  for (let n = 0; n < value.length; n += 1) {
    await refuses(value.slice(0, n), /empty|incomplete|changed|not a chart link/);
  }
});

test('every one-character edit is refused or reads back exactly the same chart', async () => {
  const value = await encodeChartLink({ description, data });
  const alphabet = 'AZaz09-_.x';
  let refused = 0;
  let same = 0;
  for (let i = 0; i < value.length; i += 1) {
    for (const ch of alphabet) {
      if (ch === value[i]) continue;
      const edited = value.slice(0, i) + ch + value.slice(i + 1);
      try {
        const out = await decodeChartLink(edited);
        assert.deepEqual(out, { description, data }, `edit at ${i} to ${ch} read back something else`);
        same += 1;
      } catch (e) {
        assert.ok(e instanceof LinkError, `edit at ${i} to ${ch}: ${e && e.stack}`);
        refused += 1;
      }
    }
  }
  // Only the spare low bits of the last base64 character can change without
  // changing a byte.
  assert.ok(same <= alphabet.length, `${same} edits read back the same`);
  assert.ok(refused > value.length * 5);
});

test('damaged headers, foreign text and characters outside base64url are refused with what is wrong', async () => {
  const good = handMade({ description });
  const [, len, crc, b64] = good.split('.');
  await refuses('', /empty/);
  await refuses(`2.${len}.${crc}.${b64}`, /newer version \(format 2\)/);
  await refuses(`x.${len}.${crc}.${b64}`, /not a chart link/);
  await refuses(`1.${len}.${crc}`, /incomplete/);
  await refuses(`1.${len}.${crc}.${b64}.extra`, /changed/);
  await refuses(`1.${len}.zzzzzzzz.${b64}`, /changed/);
  await refuses(`1.${Number(len) + 1}.${crc}.${b64}`, /incomplete/);
  await refuses(`1.${Number(len) - 1}.${crc}.${b64}`, /more than it says/);
  await refuses(`1.${len}.${crc}.${b64.slice(0, -2)}+/`, /characters/);
  await refuses(handMade({ description }, { crc: 0x12345678 }), /checksum/);
  await refuses(`1.${MAX_LINK_JSON_BYTES + 1}.${crc}.${b64}`, /at most/);
});

test('a link that inflates past what it declares stops at the declared length (no decompression bomb)', async () => {
  const bomb = Buffer.alloc(8 * 1024 * 1024, 0x20);
  const value = `1.100.00000000.${zlib.deflateRawSync(bomb).toString('base64url')}`;
  assert.ok(value.length < 20000);
  await refuses(value, /more than it says/);
});

test('well-formed links that hold no chart are refused', async () => {
  await refuses(handMade('not json'), /not JSON/);
  await refuses(handMade(Buffer.from([0xff, 0xfe, 0x22]).toString('latin1')), /not JSON|changed/);
  for (const p of [[1, 2], null, 5, {}, { description: [] }, { description: null }, { description: 'x' }]) {
    await refuses(handMade(p), /description|not JSON/);
  }
});

test('hostile strings in the description come back as the same strings', async () => {
  const hostile = { ...description, title: { en: '<img src=x onerror=alert(1)>', zh: '\u0000\u2028</script>' }, __proto__: null };
  const out = await decodeChartLink(await encodeChartLink({ description: { ...hostile, ['__proto__']: { polluted: 1 } } }));
  assert.equal(out.description.title.en, '<img src=x onerror=alert(1)>');
  assert.equal(out.description.title.zh, '\u0000\u2028</script>');
  assert.equal({}.polluted, undefined);
});

test('the hash helpers find c= among other parameters', () => {
  assert.equal(linkValueFromHash('#c=1.2.abc'), '1.2.abc');
  assert.equal(linkValueFromHash('#view=a&c=1.2.abc'), '1.2.abc');
  assert.equal(linkValueFromHash('#view=a'), null);
  assert.equal(linkValueFromHash(''), null);
  assert.equal(linkValueFromHash(undefined), null);
  assert.equal(chartLinkHash('1.2.x'), '#c=1.2.x');
});
