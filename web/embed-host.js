/* embed-host.js — for pages that embed the graphic in an iframe: fits each
   iframe's height to the graphic inside it. No dependencies, no cookies, no
   network requests of its own; a classic script, safe to include twice.

   Snippet (the graphic's "Embed" control writes it for the current view):
     <iframe src="https://…/embed.html?v=1&amp;view=exports" title="…"
             width="100%" height="720" loading="lazy" allow="clipboard-write" data-ev-graphic></iframe>
     <script src="https://…/embed-host.js" async></script>

   A size message is used only if all of these hold:
   - its source is the window of an <iframe data-ev-graphic> on this page
     (messages from any other window, this one included, are ignored);
   - its origin is the origin of that iframe's src;
   - it is { type: 'ev-graphic:size', height } with height a finite number
     from 80 to 20000 (CSS px).
   The iframe then gets that height (style and attribute); its border is set
   to none. On start and when an iframe loads, the script asks it for its
   size ({ type: 'ev-graphic:request-size' }, sent to the iframe's origin
   only), in case the graphic spoke before this script was running. */
(function () {
  'use strict';
  if (window.__evGraphicEmbedHost) return;
  window.__evGraphicEmbedHost = true;

  var SELECTOR = 'iframe[data-ev-graphic]';
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 20000;

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute('src'), document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  function frameOf(source) {
    if (!source) return null;
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function ask(frame) {
    var origin = originOf(frame);
    if (!origin || origin === 'null' || !frame.contentWindow) return;
    try {
      frame.contentWindow.postMessage({ type: 'ev-graphic:request-size' }, origin);
    } catch (e) {
      // not loaded yet: it reports its size itself when it is
    }
  }

  function prepare(frame) {
    if (frame.__evGraphicReady) return;
    frame.__evGraphicReady = true;
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.addEventListener('load', function () { ask(frame); });
    ask(frame);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'ev-graphic:size') return;
    var frame = frameOf(event.source);
    if (!frame || event.origin !== originOf(frame)) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) return;
    height = Math.ceil(height);
    prepare(frame);
    frame.style.height = height + 'px';
    frame.setAttribute('height', String(height));
  });

  function start() {
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i += 1) prepare(frames[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
