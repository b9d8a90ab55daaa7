// download.js — handing a file to the reader.
//
// saveBlob(doc, blob, filename): starts a download through a temporary
//   <a download> link; the object URL is revoked a minute later.
// prefersInlineImage(win) → true where a download link may fail: in-app
//   browsers (Facebook, Instagram, WeChat, LINE, X/Twitter, LinkedIn,
//   TikTok, Snapchat, Android WebView), iPhones and iPads, and touch-only
//   devices. There the PNG is shown as an image the reader can long-press.
// fileName(parts, ext) → 'ev-going-global-investment-zh.png' (safe characters only).

const IN_APP = /FBAN|FBAV|FB_IAB|Instagram|MicroMessenger|WeChat|\bLine\/|Twitter|LinkedInApp|musical_ly|TikTok|Snapchat|; wv\)/i;
const IOS = /iPhone|iPad|iPod/;

export function prefersInlineImage(win = window) {
  const ua = win.navigator.userAgent || '';
  if (IN_APP.test(ua) || IOS.test(ua)) return true;
  try {
    return win.matchMedia('(hover: none) and (pointer: coarse)').matches;
  } catch {
    return false;
  }
}

export function saveBlob(doc, blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function fileName(parts, ext) {
  const safe = parts.filter(Boolean).map((p) => String(p).toLowerCase().replace(/[^a-z0-9_-]+/g, '-')).join('-');
  return `${safe}.${ext}`;
}
