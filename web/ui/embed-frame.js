// embed-frame.js — the framed side of the responsive embed: tells the page
// that embeds the graphic how tall the graphic is, so its iframe can fit.
//
// startEmbedFrame(win) → stop(): does nothing unless the page is in a frame.
//   Posts { type: 'ev-graphic:size', height } (for embed-host.js) and AMP's
//   { sentinel: 'amp', type: 'embed-size', height } (for <amp-iframe
//   resizable>) to the parent: at start, whenever the content's height
//   changes (ResizeObserver), and when the parent asks with
//   { type: 'ev-graphic:request-size' } (only messages whose source is the
//   parent window are answered). The height is the document's content height
//   in CSS px, rounded up; it does not depend on the frame's own height, so
//   sizing cannot feed back on itself. Only a number leaves the frame, so
//   the target origin is '*'.

export const SIZE_MESSAGE = 'ev-graphic:size';
export const REQUEST_MESSAGE = 'ev-graphic:request-size';

export function contentHeight(doc) {
  return Math.ceil(doc.documentElement.getBoundingClientRect().height);
}

export function startEmbedFrame(win = window) {
  if (win.parent === win || !win.parent) return () => {};
  const doc = win.document;
  let sent = -1;

  function post(force = false) {
    const height = contentHeight(doc);
    if (!(height > 0) || (height === sent && !force)) return;
    sent = height;
    try {
      win.parent.postMessage({ type: SIZE_MESSAGE, height }, '*');
      win.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
    } catch {
      // a parent that went away
    }
  }

  function onMessage(e) {
    if (e.source !== win.parent || !e.data || typeof e.data !== 'object' || e.data.type !== REQUEST_MESSAGE) return;
    post(true);
  }

  const observer = new win.ResizeObserver(() => post());
  observer.observe(doc.documentElement);
  win.addEventListener('message', onMessage);
  win.addEventListener('load', () => post(true));
  post(true);
  return () => {
    observer.disconnect();
    win.removeEventListener('message', onMessage);
  };
}
