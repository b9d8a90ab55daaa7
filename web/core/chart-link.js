// chart-link.js — a chart description (and, when small, its data) as the
// value of a URL fragment `#c=<value>` (data/CHART_FORMAT.md, "Share links").
// The fragment never reaches a server.
//
// value = "1." + <byte length of the JSON text> + "." + <CRC-32 of it, 8 hex>
//         + "." + <base64url of the deflate-raw compressed JSON text>
// where the JSON text is {"description": …, "data"?: …}. The length and the
// checksum let a truncated or edited link be told apart from a good one and
// bound the decompression (a link cannot inflate past what it declares, nor
// past MAX_LINK_JSON_BYTES).
//
// encodeChartLinkDetailed({description, data?}, {maxBytes}) →
//   Promise<{value, hasData, chars}>: with data when the encoded value is at
//   most maxBytes characters (default MAX_LINK_DATA_CHARS), else without it.
// encodeChartLink(payload, opts) → Promise<value> (the same, value only).
// decodeChartLink(value) → Promise<{description, data?}>; throws LinkError
//   with a reader-facing message (what is wrong with the link).
// linkValueFromHash(hash) → the value of `c=` in a location.hash, or null.
// chartLinkHash(value) → "#c=<value>".
//
// Uses the platform's CompressionStream (browsers, Node ≥ 18): no library.

export const LINK_VERSION = '1';
export const MAX_LINK_DATA_CHARS = 32 * 1024; // ≈ 24 KiB compressed, base64url
export const MAX_LINK_JSON_BYTES = 16 * 1024 * 1024;

export class LinkError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LinkError';
  }
}

let crcTable = null;
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const hex8 = (n) => n.toString(16).padStart(8, '0');

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new LinkError('This chart link has characters a chart link never has: it was changed after it was made.');
  if (text.length % 4 === 1) throw new LinkError('This chart link is incomplete: it may have been cut off when it was copied.');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Inflates at most `limit` bytes; more is an error (never buffered whole).
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const out = new Uint8Array(limit);
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (n + value.length > limit) {
        reader.cancel().catch(() => {});
        throw new LinkError('This chart link holds more than it says: it was changed after it was made.');
      }
      out.set(value, n);
      n += value.length;
    }
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('This chart link is incomplete or damaged: it may have been cut off when it was copied.');
  }
  return out.subarray(0, n);
}

async function encodeValue(payload) {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  if (bytes.length > MAX_LINK_JSON_BYTES) throw new LinkError(`The chart is too big for a link (${bytes.length} bytes; at most ${MAX_LINK_JSON_BYTES}).`);
  return `${LINK_VERSION}.${bytes.length}.${hex8(crc32(bytes))}.${toBase64url(await deflate(bytes))}`;
}

export async function encodeChartLinkDetailed({ description, data }, { maxBytes = MAX_LINK_DATA_CHARS } = {}) {
  if (description === null || typeof description !== 'object' || Array.isArray(description)) {
    throw new LinkError('A chart link needs a description object.');
  }
  if (data !== undefined) {
    const value = await encodeValue({ description, data });
    if (value.length <= maxBytes) return { value, hasData: true, chars: value.length };
  }
  const value = await encodeValue({ description });
  return { value, hasData: false, chars: value.length };
}

export async function encodeChartLink(payload, opts) {
  return (await encodeChartLinkDetailed(payload, opts)).value;
}

export async function decodeChartLink(value) {
  if (typeof value !== 'string' || value === '') throw new LinkError('This chart link is empty.');
  const parts = value.split('.');
  if (parts[0] !== LINK_VERSION) {
    throw new LinkError(/^\d+$/.test(parts[0])
      ? `This chart link was made by a newer version (format ${parts[0]}); this page reads format ${LINK_VERSION}.`
      : 'This is not a chart link, or it was changed after it was made.');
  }
  if (parts.length < 4 || parts[3] === '') throw new LinkError('This chart link is incomplete: it may have been cut off when it was copied.');
  if (parts.length > 4 || !/^\d{1,9}$/.test(parts[1]) || !/^[0-9a-f]{8}$/.test(parts[2])) {
    throw new LinkError('This chart link was changed after it was made.');
  }
  const length = Number(parts[1]);
  if (length > MAX_LINK_JSON_BYTES) throw new LinkError(`This chart link says it holds ${length} bytes; at most ${MAX_LINK_JSON_BYTES} are read.`);
  const bytes = await inflate(fromBase64url(parts[3]), length);
  if (bytes.length !== length) throw new LinkError('This chart link is incomplete: it may have been cut off when it was copied.');
  if (hex8(crc32(bytes)) !== parts[2]) throw new LinkError('This chart link was changed after it was made (its checksum does not match).');
  let payload;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new LinkError('This chart link does not hold a chart (its contents are not JSON).');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)
      || payload.description === null || typeof payload.description !== 'object' || Array.isArray(payload.description)) {
    throw new LinkError('This chart link does not hold a chart description.');
  }
  const out = { description: payload.description };
  if (Object.hasOwn(payload, 'data')) out.data = payload.data;
  return out;
}

export function linkValueFromHash(hash) {
  if (typeof hash !== 'string') return null;
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.has('c') ? params.get('c') : null;
}

export const chartLinkHash = (value) => `#c=${value}`;
