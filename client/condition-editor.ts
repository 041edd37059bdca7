// The builder's condition editor, enhanced: choosing a question puts its comparisons and its answers in place at
// once (no round trip), from the `<template data-condition-for="<question>">` the server rendered for each question
// with `__ROW__` standing for the row number; the next empty row appears, and the combination (and / or) once two
// rows are filled. Without this script, « Afficher les réponses possibles » shows the form again with the answers.

const ROW = '__ROW__';
const ATTRIBUTES = ['id', 'name', 'for', 'aria-describedby'];

function enhance(editor: HTMLElement) {
  const rows = [...editor.querySelectorAll<HTMLElement>('[data-condition-row]')];
  const mode = editor.querySelector<HTMLElement>('[data-condition-mode]');
  const step = editor.querySelector<HTMLElement>('[data-condition-step]');
  if (step) step.hidden = true;

  const questionOf = (row: HTMLElement) => row.querySelector<HTMLSelectElement>('select[name$="_question"]');

  function refresh() {
    const filled = rows.filter((row) => questionOf(row)?.value);
    if (mode) mode.hidden = filled.length <= 1;
    const last = filled.length ? rows.indexOf(filled[filled.length - 1]!) : -1;
    rows.forEach((row, i) => {
      if (i <= last + 1) row.hidden = false;
    });
  }

  for (const row of rows) {
    const select = questionOf(row);
    const details = row.querySelector<HTMLElement>('[data-condition-details]');
    if (!select || !details) continue;
    select.addEventListener('change', () => {
      details.replaceChildren();
      const template = [...editor.querySelectorAll<HTMLTemplateElement>('template[data-condition-for]')].find(
        (t) => t.dataset.conditionFor === select.value,
      );
      if (template) {
        const copy = template.content.cloneNode(true) as DocumentFragment;
        const index = row.dataset.conditionRow ?? '0';
        for (const element of copy.querySelectorAll('*')) {
          for (const attribute of ATTRIBUTES) {
            const value = element.getAttribute(attribute);
            if (value?.includes(ROW)) element.setAttribute(attribute, value.replaceAll(ROW, index));
          }
        }
        details.append(copy);
      }
      refresh();
    });
  }
  refresh();
}

for (const editor of document.querySelectorAll<HTMLElement>('[data-condition-editor]')) enhance(editor);
