// store.js — what the studio keeps across a reload: the description (and the
// editor's choices) in localStorage, the loaded dataset's text in IndexedDB
// (it may be megabytes; localStorage holds a few). Every function resolves
// even when storage is refused (private windows, quota, file: pages): the
// result then says so, and the studio works without it.
//
// saveDescription(state) → {ok, message?}: state is a JSON-able object
//   ({description, locale, viewIndex}); written synchronously.
// loadDescription() → the saved state or null (null for unreadable text too).
// saveData({text | blob, name}) → Promise<{ok, message?}>.
// loadData() → Promise<{blob, name} | null>.
// clearAll() → Promise: forgets both.

const KEY = 'ev-studio:v1';
const DB = 'ev-studio';
const STORE = 'data';

export function saveDescription(state, storage = globalThis.localStorage) {
  try {
    storage.setItem(KEY, JSON.stringify(state));
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `the chart could not be saved in this browser (${e && e.name ? e.name : 'storage refused'})` };
  }
}

export function loadDescription(storage = globalThis.localStorage) {
  try {
    const text = storage.getItem(KEY);
    if (!text) return null;
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function openDb() {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(DB, 1);
    } catch (e) {
      reject(e);
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('the data store is blocked by another tab'));
  });
}

function run(mode, fn) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
    tx.onabort = () => { db.close(); reject(tx.error || new Error('aborted')); };
  }));
}

export async function saveData({ text, blob, name }) {
  try {
    const value = blob instanceof Blob ? blob : new Blob([text], { type: 'application/json' });
    await run('readwrite', (s) => s.put({ blob: value, name: String(name ?? '') }, 'current'));
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `the data could not be kept in this browser (${e && e.name ? e.name : 'storage refused'})` };
  }
}

export async function loadData() {
  try {
    const v = await run('readonly', (s) => s.get('current'));
    return v && v.blob instanceof Blob ? { blob: v.blob, name: v.name } : null;
  } catch {
    return null;
  }
}

export async function clearAll(storage = globalThis.localStorage) {
  try { storage.removeItem(KEY); } catch { /* nothing kept */ }
  try { await run('readwrite', (s) => s.delete('current')); } catch { /* nothing kept */ }
}
