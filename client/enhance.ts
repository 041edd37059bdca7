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
