/**
 * The form builder's operations on a draft (add, edit, move, duplicate, remove pages and elements) and the
 * reading of the element form. Pure functions: each returns a new draft; the service validates and saves it.
 */

import { type FormBody, listOf, textOf } from '../../platform/http/form.ts';
import { parseFrenchNumber } from './input.ts';
import {
  allElements,
  allQuestions,
  allSections,
  type Choice,
  CODE_PATTERN,
  CONDITION_OPS,
  type Comparison,
  type Condition,
  type ConditionOp,
  codify,
  type Element,
  type Form,
  ID_PATTERN,
  isComparison,
  OPS_WITH_VALUE,
  type Page,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type Section,
  sectionChain,
  slugify,
  type Validation,
} from './model.ts';

const clone = <T>(x: T): T => structuredClone(x);

/** A fresh id from a label, unique in the form. */
export function uniqueId(q: Form, wanted: string, fallback = 'question'): string {
  const used = new Set([
    ...allElements(q).map((e) => e.id),
    ...q.pages.map((p) => p.id),
    ...allSections(q).map((s) => s.id),
  ]);
  const base = slugify(wanted, fallback);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base.slice(0, 55)}_${n}`;
  return id;
}

export function blankForm(title: string): Form {
  return {
    title,
    language: 'fr',
    pages: [
      {
        id: 'page_1',
        title: 'Première page',
        elements: [
          { id: 'introduction', type: 'info', paragraphs: ['Présentez ici le questionnaire à vos répondants.'] },
        ],
      },
    ],
  };
}

/** A new element of the given type with sensible defaults, ready to be edited. */
export function newElement(q: Form, type: QuestionType | 'info'): Element {
  if (type === 'info')
    return { id: uniqueId(q, 'information', 'bloc'), type: 'info', paragraphs: ['Texte à rédiger.'] };
  const id = uniqueId(q, 'question');
  const base = { id, label: 'Nouvelle question' };
  const choices: Choice[] = [
    { code: 'choix_1', label: 'Premier choix' },
    { code: 'choix_2', label: 'Deuxième choix' },
  ];
  switch (type) {
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice':
    case 'ranking':
      return { ...base, type, choices } as Question;
    case 'scale':
      return { ...base, type, max: 5 };
    case 'matrix':
      return {
        ...base,
        type,
        rows: [
          { code: 'ligne_1', label: 'Première ligne' },
          { code: 'ligne_2', label: 'Deuxième ligne' },
        ],
        columns: [
          { code: 'oui', label: 'Oui' },
          { code: 'non', label: 'Non' },
        ],
      };
    case 'file':
      return { ...base, type, maxSizeBytes: 10 * 1024 * 1024, accept: ['application/pdf'] };
    default:
      return { ...base, type } as Question;
  }
}

function locate(q: Form, elementId: string): { page: number; index: number } | null {
  for (let p = 0; p < q.pages.length; p++) {
    const index = q.pages[p]!.elements.findIndex((e) => e.id === elementId);
    if (index >= 0) return { page: p, index };
  }
  return null;
}

export class BuilderError extends Error {}

export function addPage(q: Form, title: string, description?: string): { draft: Form; pageId: string } {
  const draft = clone(q);
  const pageId = uniqueId(draft, title || 'page', 'page');
  const page: Page = { id: pageId, title: title.trim() || `Page ${draft.pages.length + 1}`, elements: [] };
  if (description?.trim()) page.description = description.trim();
  draft.pages.push(page);
  return { draft, pageId };
}

export function updatePage(q: Form, pageId: string, title: string, description: string): Form {
  const draft = clone(q);
  const page = draft.pages.find((p) => p.id === pageId);
  if (!page) throw new BuilderError('Cette page n’existe pas (ou plus).');
  page.title = title.trim();
  if (description.trim()) page.description = description.trim();
  else delete page.description;
  return draft;
}

export function removePage(q: Form, pageId: string): Form {
  if (q.pages.length <= 1) throw new BuilderError('Un questionnaire garde au moins une page.');
  const draft = clone(q);
  draft.pages = draft.pages.filter((p) => p.id !== pageId);
  return draft;
}

export function movePage(q: Form, pageId: string, direction: 'up' | 'down'): Form {
  const draft = clone(q);
  const i = draft.pages.findIndex((p) => p.id === pageId);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= draft.pages.length) return draft;
  [draft.pages[i], draft.pages[j]] = [draft.pages[j]!, draft.pages[i]!];
  return draft;
}

export function addElement(q: Form, pageId: string, element: Element, afterId?: string): Form {
  const draft = clone(q);
  const page = draft.pages.find((p) => p.id === pageId);
  if (!page) throw new BuilderError('Cette page n’existe pas (ou plus).');
  const after = afterId ? page.elements.findIndex((e) => e.id === afterId) : -1;
  if (after >= 0) page.elements.splice(after + 1, 0, element);
  else page.elements.push(element);
  return draft;
}

/** Replaces an element; when its id changes, conditions that named the old id follow. */
export function replaceElement(q: Form, elementId: string, element: Element): Form {
  const draft = clone(q);
  const at = locate(draft, elementId);
  if (!at) throw new BuilderError('Cet élément n’existe pas (ou plus).');
  const previous = draft.pages[at.page]!.elements[at.index]!;
  // The element form does not know sections: the element stays in its own.
  if (previous.section && element.section === undefined) element = { ...element, section: previous.section };
  draft.pages[at.page]!.elements[at.index] = element;
  if (element.id !== elementId) {
    const rename = (c: Condition): Condition =>
      isComparison(c)
        ? c.question === elementId
          ? { ...c, question: element.id }
          : c
        : 'all' in c
          ? { all: c.all.map(rename) }
          : { any: c.any.map(rename) };
    for (const e of allElements(draft)) if (e.visibleIf) e.visibleIf = rename(e.visibleIf);
    for (const section of allSections(draft)) if (section.visibleIf) section.visibleIf = rename(section.visibleIf);
  }
  return draft;
}

export function removeElement(q: Form, elementId: string): Form {
  const draft = clone(q);
  const at = locate(draft, elementId);
  if (!at) throw new BuilderError('Cet élément n’existe pas (ou plus).');
  draft.pages[at.page]!.elements.splice(at.index, 1);
  dropEmptySections(draft.pages[at.page]!);
  return draft;
}

/** Removes the sections of a page that no longer hold any element (directly or in a subsection). */
function dropEmptySections(page: Page) {
  if (!page.sections) return;
  const used = new Set(page.elements.flatMap((e) => sectionChain(page, e.section).map((s) => s.id)));
  page.sections = page.sections.filter((s) => used.has(s.id));
  if (page.sections.length === 0) delete page.sections;
}

/**
 * Moves an element one step; past the top or bottom of its page, it goes to the neighbouring page (out of its
 * sections). At the edge of a section, a step leaves it (or enters the neighbouring one) without changing places,
 * so that the elements of every section keep following one another.
 */
export function moveElement(q: Form, elementId: string, direction: 'up' | 'down'): Form {
  const draft = clone(q);
  const at = locate(draft, elementId);
  if (!at) throw new BuilderError('Cet élément n’existe pas (ou plus).');
  const page = draft.pages[at.page]!;
  const elements = page.elements;
  const element = elements[at.index]!;
  const neighbour = elements[direction === 'up' ? at.index - 1 : at.index + 1];
  if (neighbour) {
    const mine = sectionChain(page, element.section).map((s) => s.id);
    const theirs = sectionChain(page, neighbour.section).map((s) => s.id);
    const same = mine.length === theirs.length && mine.every((id, i) => theirs[i] === id);
    if (!same) {
      const inside = mine.every((id, i) => theirs[i] === id);
      // The neighbour is deeper in a section this element is not in: enter it (one level); otherwise leave ours.
      const next = inside ? theirs[mine.length] : mine[mine.length - 2];
      if (next === undefined) delete element.section;
      else element.section = next;
      dropEmptySections(page);
      return draft;
    }
    elements.splice(at.index, 1);
    elements.splice(direction === 'up' ? at.index - 1 : at.index + 1, 0, element);
    return draft;
  }
  const target = draft.pages[direction === 'up' ? at.page - 1 : at.page + 1];
  if (!target) return draft;
  elements.splice(at.index, 1);
  delete element.section;
  if (direction === 'up') target.elements.push(element);
  else target.elements.unshift(element);
  dropEmptySections(page);
  return draft;
}

/**
 * Groups a run of elements of one page, from `firstId` to `lastId`, in a new section titled `title`. The run must not
 * cut a group in two: every group it enters must lie whole inside it, or hold it whole (the new group is then made
 * inside that one). Groups lying whole inside the run become subgroups of the new one.
 */
export function addSection(
  q: Form,
  pageId: string,
  values: { title: string; firstId: string; lastId: string },
): { draft: Form; sectionId: string } {
  const draft = clone(q);
  const page = draft.pages.find((p) => p.id === pageId);
  if (!page) throw new BuilderError('Cette page n’existe pas (ou plus).');
  const title = values.title.trim();
  if (!title) throw new BuilderError('Donnez un titre au groupe.');
  const first = page.elements.findIndex((e) => e.id === values.firstId);
  const last = page.elements.findIndex((e) => e.id === values.lastId);
  if (first < 0 || last < 0) throw new BuilderError('Choisissez la première et la dernière question du groupe.');
  if (first > last) throw new BuilderError('La première question du groupe doit venir avant la dernière.');
  const run = page.elements.slice(first, last + 1);
  const chains = run.map((e) => sectionChain(page, e.section).map((s) => s.id));
  // The groups holding the whole run: the chain prefix that every element of the run shares.
  let shared = chains[0]!;
  for (const chain of chains) shared = shared.filter((id, i) => chain[i] === id);
  const parent = shared.at(-1);
  // Every other group met in the run must lie whole inside it.
  const inside = new Set(chains.flatMap((chain) => chain.slice(shared.length)));
  for (const [i, e] of page.elements.entries()) {
    if (i >= first && i <= last) continue;
    const cut = sectionChain(page, e.section).find((s) => inside.has(s.id));
    if (cut) {
      throw new BuilderError(
        `Le groupe « ${cut.title ?? 'sans titre'} » serait coupé en deux : choisissez une suite de questions qui le contient en entier, ou qui reste à l’intérieur.`,
      );
    }
  }
  const sectionId = uniqueId(draft, `groupe ${title}`, 'groupe');
  const section: Section = { id: sectionId, title };
  if (parent) section.parent = parent;
  const sections = page.sections ?? [];
  // Declared before the groups it now holds (parents come before their subgroups), after its own parent.
  const firstChild = sections.findIndex((s) => inside.has(s.id));
  sections.splice(firstChild < 0 ? sections.length : firstChild, 0, section);
  for (const s of sections) if (inside.has(s.id) && s.parent === parent) s.parent = sectionId;
  for (const e of run) if (e.section === parent) e.section = sectionId;
  page.sections = sections;
  return { draft, sectionId };
}

/**
 * Removes a group and keeps its content: its elements and subgroups move to the group that held it (or to the page),
 * and its display condition goes with it.
 */
export function removeSection(q: Form, sectionId: string): Form {
  const draft = clone(q);
  const page = draft.pages.find((p) => p.sections?.some((s) => s.id === sectionId));
  if (!page) throw new BuilderError('Ce groupe n’existe pas (ou plus).');
  const section = page.sections!.find((s) => s.id === sectionId)!;
  for (const e of page.elements) {
    if (e.section !== sectionId) continue;
    if (section.parent) e.section = section.parent;
    else delete e.section;
  }
  for (const s of page.sections!) {
    if (s.parent !== sectionId) continue;
    if (section.parent) s.parent = section.parent;
    else delete s.parent;
  }
  page.sections = page.sections!.filter((s) => s.id !== sectionId);
  if (page.sections.length === 0) delete page.sections;
  return draft;
}

/** Saves a section's title, description and display condition. */
export function updateSection(
  q: Form,
  sectionId: string,
  values: { title: string; description: string; visibleIf?: Condition },
): Form {
  const draft = clone(q);
  const section = allSections(draft).find((s) => s.id === sectionId);
  if (!section) throw new BuilderError('Ce groupe n’existe pas (ou plus).');
  if (values.title.trim()) section.title = values.title.trim();
  else delete section.title;
  if (values.description.trim()) section.description = values.description.trim();
  else delete section.description;
  if (values.visibleIf) section.visibleIf = values.visibleIf;
  else delete section.visibleIf;
  return draft;
}

/** Reads the section form (title, description, condition rows as in the element form). */
export function readSectionForm(
  form: FormBody,
  draft: Form,
  sectionId: string,
): { values: { title: string; description: string; visibleIf?: Condition }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const visibleIf = readConditionForm(form, draft, sectionId, errors);
  return {
    values: { title: textOf(form.title), description: textOf(form.description), ...(visibleIf ? { visibleIf } : {}) },
    errors,
  };
}

/** The questions placed before a section's first element: those its condition may name. */
export function questionsBeforeSection(q: Form, sectionId: string): Question[] {
  const out: Question[] = [];
  for (const page of q.pages) {
    for (const element of page.elements) {
      if (sectionChain(page, element.section).some((s) => s.id === sectionId)) return out;
      if (element.type !== 'info') out.push(element);
    }
  }
  return out;
}

export function duplicateElement(q: Form, elementId: string): { draft: Form; id: string } {
  const at = locate(q, elementId);
  if (!at) throw new BuilderError('Cet élément n’existe pas (ou plus).');
  const original = q.pages[at.page]!.elements[at.index]!;
  const copy = clone(original);
  copy.id = uniqueId(q, `${original.id}_copie`);
  delete (copy as Partial<Question>).libraryField;
  if (copy.type !== 'info') copy.label = `${copy.label} (copie)`;
  const draft = clone(q);
  draft.pages[at.page]!.elements.splice(at.index + 1, 0, copy);
  return { draft, id: copy.id };
}

// ---------------------------------------------------------------------------------------------------------------
// The element form
// ---------------------------------------------------------------------------------------------------------------

const checked = (v: unknown) => textOf(v) === 'on' || textOf(v) === '1' || textOf(v) === 'true';

/** « code | Libellé » per line (or just « Libellé », the code then derived from it). */
export function parseChoiceLines(text: string): { choices: Choice[]; error?: string } {
  const choices: Choice[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const bar = line.indexOf('|');
    let code = bar >= 0 ? line.slice(0, bar).trim() : '';
    const label = (bar >= 0 ? line.slice(bar + 1) : line).trim();
    if (!label) return { choices, error: `Ligne ${i + 1} : le libellé est vide.` };
    if (!code) code = codify(label);
    if (!CODE_PATTERN.test(code))
      return {
        choices,
        error: `Ligne ${i + 1} : le code « ${code} » contient des caractères non permis (lettres, chiffres, _, - et . seulement).`,
      };
    let unique = code;
    for (let n = 2; choices.some((c) => c.code === unique); n++) unique = `${code}_${n}`;
    choices.push({ code: unique, label });
  }
  return { choices };
}

export function choiceLines(choices: Choice[]): string {
  return choices.map((c) => `${c.code} | ${c.label}`).join('\n');
}

/** Reads a condition value typed in the form, according to the referenced question. */
function conditionValue(target: Question | undefined, raw: string): string | number | boolean | undefined {
  const v = raw.trim();
  if (!target) return v;
  if (target.type === 'yes_no') {
    const yes = v.toLowerCase();
    return yes === 'oui' || yes === 'true' ? true : yes === 'non' || yes === 'false' ? false : v;
  }
  if (target.type === 'number' || target.type === 'scale') return parseFrenchNumber(v) ?? v;
  return v;
}

export interface ElementFormResult {
  element: Element;
  /** Field name → French message. */
  errors: Record<string, string>;
}

const FIELD_TEXT_MAX = 2000;

/**
 * Reads the element form of the builder. `draft` gives the questions a condition may name and the ids already
 * taken. Structural rules (`validateForm`) are checked again on the whole draft when it is saved.
 */
export function readElementForm(
  type: QuestionType | 'info',
  form: FormBody,
  draft: Form,
  originalId: string | null,
): ElementFormResult {
  const errors: Record<string, string> = {};
  const id = textOf(form.id).trim();
  if (!ID_PATTERN.test(id) || id.length > 60) errors.id = ID_RULE_MESSAGE;
  else if (id !== originalId && [...allElements(draft).map((e) => e.id)].includes(id)) {
    errors.id = `L’identifiant « ${id} » est déjà utilisé dans ce draft.`;
  }

  const visibleIf = readConditionForm(form, draft, originalId, errors);

  if (type === 'info') {
    const title = textOf(form.title).trim();
    const paragraphs = textOf(form.paragraphs)
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (!title && paragraphs.length === 0) errors.paragraphs = 'Saisissez un titre ou au moins un paragraphe.';
    const element: Element = {
      id,
      type: 'info',
      ...(title ? { title } : {}),
      paragraphs,
      ...(visibleIf ? { visibleIf } : {}),
    };
    return { element, errors };
  }

  if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
    errors.type = 'Type de question inconnu.';
  }
  const label = textOf(form.label).trim();
  if (!label) errors.label = 'Saisissez le libellé de la question.';
  else if (label.length > FIELD_TEXT_MAX) errors.label = `Le libellé dépasse ${FIELD_TEXT_MAX} caractères.`;
  const hint = textOf(form.hint).trim();
  const q: Record<string, unknown> = { id, type, label };
  if (hint) q.hint = hint;
  if (checked(form.required)) q.required = true;
  if (checked(form.restricted)) q.restricted = true;
  if (checked(form.publicText)) q.publicText = true;
  const libraryField = textOf(form.libraryField).trim();
  if (libraryField) q.libraryField = libraryField;

  const validation: Validation = {};
  const intField = (name: keyof Validation, min: number) => {
    const raw = textOf(form[`validation_${name}`]).trim();
    if (!raw) return;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      errors[`validation_${name}`] = `Saisissez un nombre entier supérieur ou égal à ${min}.`;
    else (validation as Record<string, number>)[name] = n;
  };
  const numField = (name: 'min' | 'max') => {
    const raw = textOf(form[`validation_${name}`]).trim();
    if (!raw) return;
    const n = parseFrenchNumber(raw);
    if (n === null) errors[`validation_${name}`] = 'Saisissez un nombre, par exemple 12 ou 3,5.';
    else validation[name] = n;
  };
  if (['short_text', 'long_text', 'email', 'url'].includes(type)) {
    intField('minLength', 0);
    intField('maxLength', 1);
  }
  if (type === 'short_text' || type === 'long_text') {
    const pattern = textOf(form.validation_pattern).trim();
    if (pattern) {
      try {
        new RegExp(`^(?:${pattern})$`, 'u');
        validation.pattern = pattern;
        const message = textOf(form.validation_patternMessage).trim();
        if (message) validation.patternMessage = message;
      } catch {
        errors.validation_pattern = 'Ce motif n’est pas une expression régulière valide.';
      }
    }
  }
  if (type === 'number') {
    numField('min');
    numField('max');
  }
  if (Object.keys(validation).length) q.validation = validation;

  const readChoices = (name: string, min: number, what: string) => {
    const parsed = parseChoiceLines(textOf(form[name]));
    if (parsed.error) errors[name] = parsed.error;
    else if (parsed.choices.length < min) errors[name] = `Saisissez au moins ${min} ${what}, un par ligne.`;
    return parsed.choices;
  };
  switch (type) {
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      q.choices = readChoices('choices', 1, 'choix');
      if (checked(form.allowOther)) {
        q.allowOther = true;
        const otherLabel = textOf(form.otherLabel).trim();
        if (otherLabel) q.otherLabel = otherLabel;
      }
      if (type === 'multiple_choice') {
        for (const key of ['minChoices', 'maxChoices']) {
          const raw = textOf(form[key]).trim();
          if (!raw) continue;
          const n = Number(raw);
          if (!Number.isInteger(n) || n < (key === 'minChoices' ? 0 : 1))
            errors[key] = 'Saisissez un nombre entier positif.';
          else q[key] = n;
        }
      }
      break;
    }
    case 'ranking':
      q.choices = readChoices('choices', 2, 'éléments à classer');
      break;
    case 'matrix':
      q.rows = readChoices('rows', 1, 'ligne');
      q.columns = readChoices('columns', 2, 'colonnes');
      if (checked(form.allRowsRequired)) q.allRowsRequired = true;
      break;
    case 'scale': {
      const max = Number(textOf(form.max));
      if (max !== 5 && max !== 10) errors.max = 'Choisissez une échelle de 1 à 5 ou de 1 à 10.';
      q.max = max === 10 ? 10 : 5;
      const minLabel = textOf(form.minLabel).trim();
      const maxLabel = textOf(form.maxLabel).trim();
      if (minLabel) q.minLabel = minLabel;
      if (maxLabel) q.maxLabel = maxLabel;
      break;
    }
    case 'date':
      if (textOf(form.precision) === 'month') q.precision = 'month';
      break;
    case 'file': {
      const mo = parseFrenchNumber(textOf(form.maxSizeMo)) ?? Number.NaN;
      if (!(mo > 0 && mo <= 50)) errors.maxSizeMo = 'Saisissez une taille entre 0,1 et 50 Mo.';
      q.maxSizeBytes = Math.round((Number.isFinite(mo) && mo > 0 ? Math.min(mo, 50) : 10) * 1024 * 1024);
      const accept = listOf(form.accept).filter((m) => /^[a-z]+\/(\*|[a-z0-9][a-z0-9.+-]*)$/.test(m));
      if (!accept.length) errors.accept = 'Cochez au moins un type de fichier accepté.';
      q.accept = accept.length ? accept : ['application/pdf'];
      break;
    }
    default:
      break;
  }
  if (visibleIf) q.visibleIf = visibleIf;
  return { element: q as unknown as Element, errors };
}

/** The rule of element ids in words (ID_PATTERN, 60 characters at most): SurveyJS names such as `haveKids` fit. */
export const ID_RULE_MESSAGE =
  'L’identifiant commence par une lettre et ne contient que des lettres sans accent (minuscules ou majuscules), des chiffres et _, 60 caractères au plus (par exemple « statut_projet » ou « nombreAgents »).';

/** How many condition rows the form offers. */
export const CONDITION_ROWS = 4;

/**
 * The condition editor: a combinator (all / any) and rows of « question, operator, value »; or, for nested trees,
 * the condition as JSON (advanced field).
 */
function readConditionForm(
  form: FormBody,
  draft: Form,
  ownId: string | null,
  errors: Record<string, string>,
): Condition | undefined {
  const rawJson = textOf(form.condition_json).trim();
  if (rawJson) {
    try {
      const parsed = JSON.parse(rawJson);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
      return parsed as Condition;
    } catch {
      errors.condition_json =
        'La condition avancée n’est pas un JSON valide, par exemple {"question": "statut", "op": "equals", "value": "abandoned"}.';
      return undefined;
    }
  }
  const questions = allQuestions(draft).filter((x) => x.id !== ownId);
  const rows: Comparison[] = [];
  for (let i = 0; i < CONDITION_ROWS; i++) {
    const question = textOf(form[`condition_${i}_question`]).trim();
    const op = textOf(form[`condition_${i}_op`]).trim() as ConditionOp;
    const value = textOf(form[`condition_${i}_value`]);
    if (!question) continue;
    if (!(CONDITION_OPS as readonly string[]).includes(op)) {
      errors[`condition_${i}_op`] = 'Choisissez une comparaison.';
      continue;
    }
    const target = questions.find((x) => x.id === question);
    const row: Comparison = { question, op };
    if (OPS_WITH_VALUE.includes(op)) {
      if (!value.trim()) {
        errors[`condition_${i}_value`] = 'Saisissez la valeur à comparer.';
        continue;
      }
      row.value = conditionValue(target, value);
    }
    rows.push(row);
  }
  if (rows.length === 0) return undefined;
  if (rows.length === 1) return rows[0];
  return textOf(form.condition_mode) === 'any' ? { any: rows } : { all: rows };
}

/** The rows of the simple condition editor for an existing condition, or null when it needs the JSON field. */
export function conditionRows(c: Condition | undefined): { mode: 'all' | 'any'; rows: Comparison[] } | null {
  if (!c) return { mode: 'all', rows: [] };
  if (isComparison(c)) return { mode: 'all', rows: [c] };
  const items = 'all' in c ? c.all : c.any;
  if (items.length > CONDITION_ROWS || !items.every(isComparison)) return null;
  return { mode: 'all' in c ? 'all' : 'any', rows: items as Comparison[] };
}
