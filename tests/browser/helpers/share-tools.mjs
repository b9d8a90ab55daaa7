// share-tools.mjs — shared steps of the share, embed, download, CSP and
// dist browser tests: CSP violation watching, downloads, CSV and PNG
// checks.

import assert from 'node:assert/strict';
import fs from 'node:fs';

// Records every securitypolicyviolation event of every frame of every page
// in the context (window.__csp), from before the page's own scripts run.
export async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`.trim());
    });
  });
}

// The violations recorded in the page and all its frames.
export async function cspViolations(page) {
  const out = [];
  for (const f of page.frames()) out.push(...(await f.evaluate(() => window.__csp ?? []).catch(() => [])));
  return out;
}

// Console messages that mention a Content Security Policy.
export function cspConsole(page) {
  const out = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) out.push(m.text()); });
  return out;
}

// Clicks the control `action` in the share bar of `frame` (a page or frame)
// and resolves to the downloaded file's { name, bytes }.
export async function download(page, action, frame = page) {
  const [d] = await Promise.all([page.waitForEvent('download'), frame.locator(`#graphic-share [data-action="${action}"]`).click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// Opens the Download panel of the share bar if it is closed.
export async function openDownloads(frame) {
  const b = frame.locator('#graphic-share [data-action="download"]');
  if ((await b.getAttribute('aria-expanded')) !== 'true') await b.click();
}

// Width and height from a PNG's IHDR chunk (throws if it is not a PNG).
export function pngSize(bytes) {
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Decodes PNG bytes in the page (createImageBitmap); resolves to its size.
export function decodeInPage(page, bytes) {
  return page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
    return { width: bmp.width, height: bmp.height };
  }, bytes.toString('base64'));
}

// A strict RFC 4180 reader for CSV text that starts with a BOM and ends
// rows with CRLF.
export function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'starts with the UTF-8 BOM');
  const s = text.slice(1);
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      assert.ok(ch !== '\n' && ch !== '\r' && ch !== '"', `bare ${JSON.stringify(ch)} at ${i}`);
      cell += ch;
    }
  }
  assert.equal(cell, '', 'ends with CRLF');
  return rows;
}
