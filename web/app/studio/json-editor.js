// json-editor.js — the studio's "Edit as JSON" editor, "Open description…"
// and "Download description" (studio.html, section 3): the whole
// description as text, for the keys the form does not edit (panels, modes,
// findings, reference, detail, names, provenance…; data/CHART_FORMAT.md).
//
// createJsonEditor({els, text, apply, file}) → {open(), close(), isOpen()}
//   text() → the description the form holds, pretty-printed (shown on open)
//   apply(text, {source}) → Promise<{ok, error?, offset?}> (app.js
//     applyJson: parsed, checked and drawn like every edit)
//   file() → {name, text} | null: the last good description as a file
// Open: the editor (els.jsonPanel) shows text() and takes focus; "Edit as
// JSON" says it is expanded. Apply: a good text closes the editor, says so
// in els.jsonStatus (role=status) and gives focus back to "Edit as JSON"; a
// bad one leaves the typed text as it is, shows the message in els.jsonError
// (role=alert, linked to the text area by aria-describedby, which is also
// marked aria-invalid), puts the text area's caret at a syntax error's
// position and moves focus to the message (the text area follows it in tab
// order). Cancel (or Escape in the editor) closes it without change. A file
// chosen in "Open description…" is read as text and applied the same way;
// when it fails, the editor opens with the file's text and the message, so
// it can be mended there. Download saves file() through ui/download.js.
// Every text reaches the page through textContent or a form value.

import { saveBlob } from '../../ui/download.js';

const MAX_FILE_BYTES = 4 * 1024 * 1024; // a description is kilobytes; a dataset chosen by mistake is not read

export function createJsonEditor({ els, text, apply, file }) {
  const say = (t) => { els.jsonStatus.textContent = t; };

  function showError(message) {
    els.jsonError.textContent = message;
    if (message) els.jsonText.setAttribute('aria-invalid', 'true');
    else els.jsonText.removeAttribute('aria-invalid');
  }

  function open(content = text()) {
    els.jsonText.value = content;
    showError('');
    els.jsonPanel.hidden = false;
    els.jsonEdit.setAttribute('aria-expanded', 'true');
    els.jsonText.focus();
    els.jsonText.setSelectionRange(0, 0);
    els.jsonText.scrollTop = 0;
  }

  function close() {
    els.jsonPanel.hidden = true;
    els.jsonEdit.setAttribute('aria-expanded', 'false');
    showError('');
  }

  function failed(r) {
    showError(r.error);
    if (Number.isInteger(r.offset)) els.jsonText.setSelectionRange(r.offset, r.offset);
    els.jsonError.focus();
  }

  let busy = false;
  async function applyText(source) {
    if (busy) return null;
    busy = true;
    els.jsonApply.disabled = true;
    say('');
    try {
      const r = await apply(els.jsonText.value, { source });
      if (r.ok) {
        close();
        say(source === 'the JSON editor' ? 'Applied: the form, the chart and the links follow the description.' : `Opened ${source}: the form, the chart and the links follow it.`);
        els.jsonEdit.focus();
      } else {
        failed(r);
      }
      return r;
    } finally {
      busy = false;
      els.jsonApply.disabled = false;
    }
  }

  els.jsonEdit.addEventListener('click', () => {
    if (els.jsonPanel.hidden) open();
    else els.jsonText.focus();
  });
  els.jsonApply.addEventListener('click', () => applyText('the JSON editor'));
  els.jsonCancel.addEventListener('click', () => {
    close();
    say('Closed the JSON editor; nothing was changed.');
    els.jsonEdit.focus();
  });
  els.jsonPanel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      els.jsonCancel.click();
    }
  });

  els.descriptionFile.addEventListener('change', async () => {
    const f = els.descriptionFile.files && els.descriptionFile.files[0];
    els.descriptionFile.value = '';
    if (!f) return;
    let content;
    try {
      if (f.size > MAX_FILE_BYTES) throw new Error(`it is ${f.size.toLocaleString('en-GB')} bytes; a chart description is at most 4 MiB (a dataset goes in 1. Data)`);
      content = await f.text();
    } catch (e) {
      open(els.jsonPanel.hidden ? text() : els.jsonText.value);
      failed({ error: `${f.name} could not be read: ${e && e.message ? e.message : String(e)}` });
      return;
    }
    if (els.jsonPanel.hidden) {
      els.jsonText.value = content;
      const r = await applyText(f.name);
      if (r && !r.ok) {
        // the editor opens with the file's text and the message, to mend it there
        els.jsonPanel.hidden = false;
        els.jsonEdit.setAttribute('aria-expanded', 'true');
        failed(r);
      }
    } else {
      els.jsonText.value = content;
      await applyText(f.name);
    }
  });

  els.descriptionDownload.addEventListener('click', () => {
    const f = file();
    if (!f) {
      say('There is no chart to download yet: load a dataset first.');
      return;
    }
    saveBlob(document, new Blob([f.text], { type: 'application/json' }), f.name);
    say(`Downloaded ${f.name}.`);
  });

  return { open, close, isOpen: () => !els.jsonPanel.hidden };
}
