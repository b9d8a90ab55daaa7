// status.js — the visible error message (role="alert") and the figure's
// data-state attribute ("loading" | "ready" | "error"). Text only through
// textContent; an empty message hides the box (see styles.css).

export function createStatus({ errorEl, figure }) {
  return {
    error(message) {
      errorEl.textContent = message;
      figure.dataset.state = 'error';
    },
    ready() {
      errorEl.textContent = '';
      figure.dataset.state = 'ready';
    },
    loading() {
      figure.dataset.state = 'loading';
    },
  };
}
