// state.js — kept for existing imports: the view state and its URL form
// live in url-state.js (the allow-list of URL keys is there).

export { fromQuery, initialState, toQuery, URL_KEYS, URL_VERSION } from './url-state.js';
