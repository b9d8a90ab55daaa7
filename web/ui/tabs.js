// tabs.js — the view tabs (WAI-ARIA tabs pattern, automatic activation).
//
// createTabs(list, panel, onChange) → { render(tabs, current) }
//   list      the role="tablist" element; panel the role="tabpanel" element
//   onChange  (id) → void when the reader activates another tab
// render([{id, label}], current) builds or relabels the tab buttons
// (id "tab-<id>", aria-controls the panel, aria-selected, a roving
// tabindex) in the order given, removes those no longer given (another
// chart description's views), and points the panel's aria-labelledby at the
// current tab. A button already in its place is not moved (so it keeps focus).
// ArrowLeft / ArrowRight (wrapping), Home and End move focus and activate.

export function createTabs(list, panel, onChange) {
  const buttons = new Map();
  const order = [];

  function focusTab(id) {
    buttons.get(id).focus();
    onChange(id);
  }

  list.addEventListener('keydown', (e) => {
    const at = order.indexOf(document.activeElement && document.activeElement.dataset.view);
    if (at < 0) return;
    let next = null;
    if (e.key === 'ArrowRight') next = order[(at + 1) % order.length];
    else if (e.key === 'ArrowLeft') next = order[(at - 1 + order.length) % order.length];
    else if (e.key === 'Home') next = order[0];
    else if (e.key === 'End') next = order[order.length - 1];
    if (next === null) return;
    e.preventDefault();
    focusTab(next);
  });

  return {
    render(tabs, current) {
      const ids = tabs.map((x) => x.id);
      for (const [id, b] of [...buttons]) {
        if (ids.includes(id)) continue;
        b.remove();
        buttons.delete(id);
      }
      order.length = 0;
      tabs.forEach(({ id, label }, i) => {
        let b = buttons.get(id);
        if (!b) {
          b = document.createElement('button');
          b.type = 'button';
          b.className = 'tab';
          b.id = `tab-${id}`;
          b.dataset.view = id;
          b.setAttribute('role', 'tab');
          b.setAttribute('aria-controls', panel.id);
          b.addEventListener('click', () => onChange(id));
          buttons.set(id, b);
        }
        order.push(id);
        const here = list.children[i] ?? null;
        if (here !== b) list.insertBefore(b, here);
        b.textContent = label;
        const selected = id === current;
        b.setAttribute('aria-selected', String(selected));
        b.tabIndex = selected ? 0 : -1;
      });
      panel.setAttribute('aria-labelledby', `tab-${current}`);
    },
  };
}
