// language.js — the language switch: one button per language, the current
// one aria-pressed; each button's own label is in its own language (lang
// attribute), as readers look for their language's name.
//
// createLanguageSwitch(group, onChange, languages?) → { render(current, label) }
//   onChange  ('en' | 'zh') → void (or one of `languages`' ids)
//   languages [{id, name, lang}] (default English and 中文): a described
//             chart passes its own locales

const LANGUAGES = [
  { id: 'en', name: 'English', lang: 'en' },
  { id: 'zh', name: '中文', lang: 'zh-Hans' },
];

export function createLanguageSwitch(group, onChange, languages = LANGUAGES) {
  const buttons = languages.map((l) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.lang = l.lang;
    b.dataset.lang = l.id;
    b.textContent = l.name;
    b.addEventListener('click', () => onChange(l.id));
    return b;
  });
  group.replaceChildren(...buttons);
  return {
    render(current, label) {
      group.setAttribute('aria-label', label);
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === current));
    },
  };
}
