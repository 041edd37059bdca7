// Progressive enhancement loaded on every page. Every feature here also works without JavaScript.

// Move focus to the error summary so that screen-reader and keyboard users hear the problems first.
const summary = document.querySelector<HTMLElement>('[data-error-summary]');
if (summary) summary.focus();

// Links inside the error summary focus the field itself (not only scroll to it).
for (const link of document.querySelectorAll<HTMLAnchorElement>('.error-summary a[href^="#"]')) {
  link.addEventListener('click', (event) => {
    const target = document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    const focusable = target.matches('input, select, textarea, fieldset')
      ? target
      : target.querySelector<HTMLElement>('input, select, textarea');
    (focusable ?? target).focus();
    target.scrollIntoView({ block: 'center' });
  });
}

// Confirm destructive actions (forms marked data-confirm).
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm ?? 'Confirmer ?')) event.preventDefault();
  });
}

// Forms marked data-auto-submit="<selector>": a change of a matching field submits the form (the library's filters
// and sort apply as they are ticked; the state stays in the URL, and the submit button still works without script).
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-auto-submit]')) {
  const selector = form.dataset.autoSubmit ?? '';
  form.addEventListener('change', (event) => {
    if (event.target instanceof Element && event.target.matches(selector)) form.requestSubmit();
  });
  for (const hint of form.querySelectorAll<HTMLElement>('.auto-apply-hint')) hint.hidden = false;
  for (const button of form.querySelectorAll<HTMLElement>('.apply-filters')) button.hidden = true;
}

// The main menu and the library's filters are folded on small screens and open on wide ones.
const wide = window.matchMedia('(min-width: 50rem)');
for (const panel of document.querySelectorAll<HTMLDetailsElement>('details.facets-panel, details.menu-panel')) {
  panel.open = wide.matches;
}

// Length-limited fields (data-max-length of 100 or more) show how many characters remain, politely announced.
for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
  'textarea[data-max-length], input[data-max-length]',
)) {
  const max = Number(field.dataset.maxLength);
  if (!field.id || max < 100) continue;
  const counter = document.createElement('p');
  counter.className = 'char-count';
  counter.id = `${field.id}-compteur`;
  counter.setAttribute('aria-live', 'polite');
  const update = () => {
    const left = max - field.value.length;
    counter.textContent =
      left >= 0
        ? `${left} caractère${left > 1 ? 's' : ''} restant${left > 1 ? 's' : ''} sur ${max}`
        : `${-left} caractère${-left > 1 ? 's' : ''} de trop (${max} au plus)`;
  };
  update();
  field.after(counter);
  field.setAttribute('aria-describedby', `${field.getAttribute('aria-describedby') ?? ''} ${counter.id}`.trim());
  // Announced once typing pauses, not at every key.
  let timer: ReturnType<typeof setTimeout> | undefined;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 500);
  });
}

// A table box that scrolls sideways (a wide table on a phone) can be reached and scrolled with the keyboard: it is
// made focusable and named after its table's caption while it overflows, and only then.
function markScrollableTables() {
  for (const box of document.querySelectorAll<HTMLElement>('.table-wrap')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      const caption = box.querySelector('caption')?.textContent?.trim();
      box.setAttribute('aria-label', caption ? `Tableau défilant : ${caption}` : 'Tableau défilant');
    } else if (box.getAttribute('role') === 'region') {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}
markScrollableTables();
window.addEventListener('resize', markScrollableTables);
