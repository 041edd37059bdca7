/**
 * Structural validation of a form with French, path-located issues: shape, types, unique ids and codes, validation
 * bounds, conditions (known, earlier questions; operators and values that fit the referenced question).
 * Pure code.
 */
import {
  CODE_PATTERN,
  CONDITION_OPS,
  type ConditionOp,
  compilePattern,
  type Form,
  ID_PATTERN,
  LIBRARY_FIELD_PATTERN,
  MAX_FILE_SIZE_LIMIT,
  MIME_PATTERN,
  OPS_BY_TYPE,
  OPS_WITH_VALUE,
  OTHER_CODE,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type QuestionType,
  SCALE_MAXIMA,
  type Validation,
} from './model.ts';

const MAX_TEXT = 2000;

// ---------------------------------------------------------------------------------------------------------------
// Structural validation with French, path-located issues
// ---------------------------------------------------------------------------------------------------------------

export interface Issue {
  /** Where: `pages[1].elements[3].choices[0].code` (indexes from 0, as in the JSON). */
  path: string;
  /** What, in French, naming the element when possible. */
  message: string;
}

export type ValidationResult = { ok: true; questionnaire: Form } | { ok: false; issues: Issue[] };

export interface ValidateOptions {
  /** When given, every `libraryField` must be one of these names. */
  libraryFields?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const PAGE_KEYS = ['id', 'title', 'description', 'elements', 'sections'];
const SECTION_KEYS = ['id', 'title', 'description', 'visibleIf', 'parent'];
const ROOT_KEYS = ['id', 'version', 'title', 'description', 'language', 'pages'];
const BASE_QUESTION_KEYS = [
  'id',
  'type',
  'visibleIf',
  'label',
  'hint',
  'required',
  'validation',
  'restricted',
  'publicText',
  'libraryField',
  'section',
];
const EXTRA_KEYS: Record<QuestionType | 'info', string[]> = {
  short_text: [],
  long_text: [],
  email: [],
  url: [],
  number: [],
  date: ['precision'],
  single_choice: ['choices', 'allowOther', 'otherLabel'],
  dropdown: ['choices', 'allowOther', 'otherLabel'],
  multiple_choice: ['choices', 'allowOther', 'otherLabel', 'minChoices', 'maxChoices'],
  yes_no: [],
  scale: ['max', 'minLabel', 'maxLabel'],
  matrix: ['rows', 'columns', 'allRowsRequired'],
  ranking: ['choices'],
  organisation: [],
  file: ['maxSizeBytes', 'accept'],
  info: ['title', 'paragraphs'],
};
const VALIDATION_KEYS_BY_TYPE: Partial<Record<QuestionType, (keyof Validation)[]>> = {
  short_text: ['minLength', 'maxLength', 'pattern', 'patternMessage'],
  long_text: ['minLength', 'maxLength', 'pattern', 'patternMessage'],
  email: ['minLength', 'maxLength'],
  url: ['minLength', 'maxLength'],
  number: ['min', 'max'],
};

const DATE_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks a whole form: shape, types, unique ids and codes, validation bounds, conditions (known, earlier
 * questions; operators and values that fit the referenced question). Returns the typed form or every issue.
 */
export function validateForm(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (!isObject(input)) {
    return { ok: false, issues: [{ path: '', message: 'Le questionnaire doit être un objet JSON.' }] };
  }
  unknownKeys(input, ROOT_KEYS, '', 'le questionnaire', add);
  if (!isNonEmptyString(input.title)) add('title', 'Le questionnaire doit avoir un titre.');
  else if (input.title.length > 200) add('title', 'Le titre du questionnaire dépasse 200 caractères.');
  optionalString(input, 'description', '', 'La description du questionnaire', add);
  if (input.language !== 'fr') add('language', 'La langue du questionnaire doit être « fr ».');
  if (input.id !== undefined && typeof input.id !== 'string' && !isInt(input.id)) {
    add('id', "L'identifiant du questionnaire doit être un texte ou un nombre entier.");
  }
  if (input.version !== undefined && !(isInt(input.version) && input.version >= 1)) {
    add('version', 'Le numéro de version doit être un entier positif.');
  }
  if (!Array.isArray(input.pages) || input.pages.length === 0) {
    add('pages', 'Le questionnaire doit contenir au moins une page.');
    return { ok: false, issues };
  }

  const pageIds = new Map<string, number>();
  /** Questions seen so far (in order), for condition checks: id → question. */
  const earlier = new Map<string, Json>();
  const allIds = new Map<string, string>();
  const libraryFields = new Map<string, string>();
  // First pass: collect every element id, so that a condition on a later question is told apart from an unknown one.
  const laterIds = new Set<string>();
  for (const page of input.pages) {
    if (isObject(page) && Array.isArray(page.elements)) {
      for (const el of page.elements) if (isObject(el) && typeof el.id === 'string') laterIds.add(el.id);
    }
  }

  input.pages.forEach((page, p) => {
    const pp = `pages[${p}]`;
    if (!isObject(page)) {
      add(pp, `La page ${p + 1} doit être un objet.`);
      return;
    }
    const pageName = isNonEmptyString(page.title) ? `la page « ${page.title} »` : `la page ${p + 1}`;
    unknownKeys(page, PAGE_KEYS, pp, pageName, add);
    if (typeof page.id !== 'string' || !ID_PATTERN.test(page.id)) {
      add(
        `${pp}.id`,
        `L'identifiant de ${pageName} doit commencer par une lettre et ne contenir que des lettres sans accent, des chiffres et _.`,
      );
    } else if (pageIds.has(page.id)) {
      add(
        `${pp}.id`,
        `L'identifiant de page « ${page.id} » est déjà utilisé par la page ${pageIds.get(page.id)! + 1}.`,
      );
    } else pageIds.set(page.id, p);
    if (!isNonEmptyString(page.title)) add(`${pp}.title`, `La page ${p + 1} doit avoir un titre.`);
    optionalString(page, 'description', pp, `La description de ${pageName}`, add);
    if (!Array.isArray(page.elements) || page.elements.length === 0) {
      add(`${pp}.elements`, `${capitalise(pageName)} ne contient aucune question ni aucun bloc d'information.`);
      return;
    }
    const sections = checkSections(page.sections, pp, pageName, allIds, add);
    /** Sections open at the current element (outermost first), and those already closed (they may not reopen). */
    const open: string[] = [];
    const closed = new Set<string>();
    page.elements.forEach((el, e) => {
      const ep = `${pp}.elements[${e}]`;
      if (!isObject(el)) {
        add(ep, `L'élément ${e + 1} de ${pageName} doit être un objet.`);
        return;
      }
      enterSections(
        el.section,
        ep,
        sections,
        open,
        closed,
        (section, sp) => {
          if (section.visibleIf !== undefined) {
            checkCondition(
              section.visibleIf,
              `${sp}.visibleIf`,
              `groupe « ${String(section.id)} »`,
              String(section.id),
              earlier,
              laterIds,
              add,
            );
          }
        },
        add,
      );
      const id = typeof el.id === 'string' ? el.id : undefined;
      const name = id ? `« ${id} »` : `l'élément ${e + 1} de ${pageName}`;
      if (!id || !ID_PATTERN.test(id)) {
        add(
          `${ep}.id`,
          `L'identifiant de ${name} doit commencer par une lettre et ne contenir que des lettres sans accent, des chiffres et _.`,
        );
      } else if (allIds.has(id)) {
        add(`${ep}.id`, `L'identifiant « ${id} » est déjà utilisé (${allIds.get(id)}).`);
      } else if (id.length > 60) {
        add(`${ep}.id`, `L'identifiant ${name} dépasse 60 caractères.`);
      } else allIds.set(id, `${pageName}, élément ${e + 1}`);

      const type = el.type;
      if (type !== 'info' && !(QUESTION_TYPES as readonly unknown[]).includes(type)) {
        add(
          `${ep}.type`,
          `Le type de ${name} est inconnu${typeof type === 'string' ? ` (« ${type} »)` : ''} : attendu info ou ${QUESTION_TYPES.join(', ')}.`,
        );
        return;
      }
      if (el.visibleIf !== undefined) {
        checkCondition(el.visibleIf, `${ep}.visibleIf`, name, id, earlier, laterIds, add);
      }
      if (type === 'info') {
        unknownKeys(el, ['id', 'type', 'visibleIf', 'section', ...EXTRA_KEYS.info], ep, name, add);
        optionalString(el, 'title', ep, `Le titre de ${name}`, add);
        if (!Array.isArray(el.paragraphs) || !el.paragraphs.every(isNonEmptyString)) {
          add(
            `${ep}.paragraphs`,
            `Les paragraphes du bloc d'information ${name} doivent être une liste de textes non vides.`,
          );
        } else if (el.paragraphs.length === 0 && !isNonEmptyString(el.title)) {
          add(`${ep}.paragraphs`, `Le bloc d'information ${name} doit avoir un titre ou au moins un paragraphe.`);
        }
        return;
      }
      checkQuestion(el, type as QuestionType, ep, name, add, options, libraryFields);
      if (id && ID_PATTERN.test(id)) earlier.set(id, el);
    });
    for (const [id, entry] of sections) {
      if (!entry.used) add(entry.path, `Le groupe « ${id} » ne contient aucun élément.`);
    }
  });

  if (issues.length) return { ok: false, issues };
  return { ok: true, questionnaire: input as unknown as Form };
}

interface SectionEntry {
  section: Json;
  path: string;
  parent?: string;
  used: boolean;
}

/** Checks a page's sections (shape, ids unique in the form, parents declared before); returns them by id. */
function checkSections(
  list: unknown,
  pp: string,
  pageName: string,
  allIds: Map<string, string>,
  add: (p: string, m: string) => void,
): Map<string, SectionEntry> {
  const sections = new Map<string, SectionEntry>();
  if (list === undefined) return sections;
  if (!Array.isArray(list)) {
    add(`${pp}.sections`, `Les groupes de ${pageName} doivent être une liste.`);
    return sections;
  }
  list.forEach((section, i) => {
    const sp = `${pp}.sections[${i}]`;
    if (!isObject(section)) {
      add(sp, `Le groupe ${i + 1} de ${pageName} doit être un objet.`);
      return;
    }
    const id = typeof section.id === 'string' ? section.id : undefined;
    const name = id ? `le groupe « ${id} »` : `le groupe ${i + 1} de ${pageName}`;
    unknownKeys(section, SECTION_KEYS, sp, name, add);
    if (!id || !ID_PATTERN.test(id) || id.length > 60) {
      add(
        `${sp}.id`,
        `L'identifiant de ${name} doit commencer par une lettre et ne contenir que des lettres sans accent, des chiffres et _ (60 caractères au plus).`,
      );
      return;
    }
    if (allIds.has(id)) {
      add(`${sp}.id`, `L'identifiant « ${id} » est déjà utilisé (${allIds.get(id)}).`);
      return;
    }
    allIds.set(id, `${pageName}, groupe ${i + 1}`);
    optionalString(section, 'title', sp, `Le titre du ${name.slice(3)}`, add);
    optionalString(section, 'description', sp, `La description du ${name.slice(3)}`, add);
    let parent: string | undefined;
    if (section.parent !== undefined) {
      if (typeof section.parent !== 'string' || !sections.has(section.parent)) {
        add(
          `${sp}.parent`,
          `Le groupe parent de « ${id} » doit être un groupe de la même page déclaré avant lui${typeof section.parent === 'string' ? ` (« ${section.parent} » n'en est pas un)` : ''}.`,
        );
      } else parent = section.parent;
    }
    sections.set(id, { section, path: sp, parent, used: false });
  });
  return sections;
}

/**
 * Places an element in its sections: the sections it enters are checked (`onEnter`, for their condition, at their
 * first element) and a section whose elements do not follow one another is reported.
 */
function enterSections(
  sectionId: unknown,
  ep: string,
  sections: Map<string, SectionEntry>,
  open: string[],
  closed: Set<string>,
  onEnter: (section: Json, path: string) => void,
  add: (p: string, m: string) => void,
) {
  const chain: string[] = [];
  if (sectionId !== undefined) {
    if (typeof sectionId !== 'string' || !sections.has(sectionId)) {
      add(
        `${ep}.section`,
        `Le groupe${typeof sectionId === 'string' ? ` « ${sectionId} »` : ''} de cet élément n'existe pas sur sa page.`,
      );
    } else {
      for (let id: string | undefined = sectionId; id !== undefined && chain.length <= sections.size; ) {
        chain.unshift(id);
        id = sections.get(id)?.parent;
      }
    }
  }
  let common = 0;
  while (common < open.length && common < chain.length && open[common] === chain[common]) common++;
  for (const id of open.splice(common)) closed.add(id);
  for (const id of chain.slice(common)) {
    const entry = sections.get(id)!;
    if (closed.has(id)) {
      add(
        `${ep}.section`,
        `Les éléments du groupe « ${id} » doivent se suivre : cet élément en est séparé par d'autres.`,
      );
    } else if (!entry.used) {
      entry.used = true;
      onEnter(entry.section, entry.path);
    }
    open.push(id);
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unknownKeys(obj: Json, allowed: string[], path: string, name: string, add: (p: string, m: string) => void) {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) add(join(path, key), `Propriété inconnue « ${key} » dans ${name}.`);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function optionalString(obj: Json, key: string, path: string, what: string, add: (p: string, m: string) => void) {
  const v = obj[key];
  if (v === undefined) return;
  if (typeof v !== 'string') add(join(path, key), `${what} doit être un texte.`);
  else if (v.length > MAX_TEXT * 5)
    add(join(path, key), `${what} est trop longue (plus de ${MAX_TEXT * 5} caractères).`);
}

function optionalBoolean(obj: Json, key: string, path: string, what: string, add: (p: string, m: string) => void) {
  if (obj[key] !== undefined && typeof obj[key] !== 'boolean')
    add(join(path, key), `${what} doit valoir true ou false.`);
}

function checkChoices(
  list: unknown,
  path: string,
  name: string,
  what: string,
  min: number,
  add: (p: string, m: string) => void,
): string[] {
  if (!Array.isArray(list) || list.length < min) {
    add(path, `${capitalise(what)} de ${name} doit contenir au moins ${min} élément${min > 1 ? 's' : ''}.`);
    return [];
  }
  const codes: string[] = [];
  // Position of each code seen (a Set-like map: linear, where `codes.includes` made 120,000 choices take 20 s).
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const cp = `${path}[${i}]`;
    if (!isObject(c)) {
      add(cp, `L'élément ${i + 1} (${what}) de ${name} doit être un objet { code, label }.`);
      return;
    }
    unknownKeys(c, ['code', 'label'], cp, `l'élément ${i + 1} (${what}) de ${name}`, add);
    if (typeof c.code !== 'string' || !CODE_PATTERN.test(c.code) || c.code.length > 60) {
      add(
        `${cp}.code`,
        `Le code de l'élément ${i + 1} (${what}) de ${name} est invalide${typeof c.code === 'string' ? ` (« ${c.code} »)` : ''} : lettres, chiffres, _, - et . seulement.`,
      );
    } else if (seen.has(c.code)) {
      add(
        `${cp}.code`,
        `L'élément ${i + 1} reprend un code : le code « ${c.code} » est utilisé deux fois (${what} de ${name}), d'abord par l'élément ${seen.get(c.code)! + 1}.`,
      );
    } else {
      seen.set(c.code, i);
      codes.push(c.code);
    }
    if (!isNonEmptyString(c.label))
      add(`${cp}.label`, `L'élément ${i + 1} (${what}) de ${name} doit avoir un libellé.`);
  });
  return codes;
}

function checkQuestion(
  q: Json,
  type: QuestionType,
  path: string,
  name: string,
  add: (p: string, m: string) => void,
  options: ValidateOptions,
  libraryFields: Map<string, string>,
) {
  unknownKeys(q, [...BASE_QUESTION_KEYS, ...EXTRA_KEYS[type]], path, `la question ${name}`, add);
  if (!isNonEmptyString(q.label)) add(`${path}.label`, `La question ${name} doit avoir un libellé.`);
  else if (q.label.length > MAX_TEXT)
    add(`${path}.label`, `Le libellé de la question ${name} dépasse ${MAX_TEXT} caractères.`);
  optionalString(q, 'hint', path, `L'aide de la question ${name}`, add);
  optionalBoolean(q, 'required', path, `« required » (question ${name})`, add);
  optionalBoolean(q, 'restricted', path, `« restricted » (question ${name})`, add);
  optionalBoolean(q, 'publicText', path, `« publicText » (question ${name})`, add);
  if (q.libraryField !== undefined) {
    if (typeof q.libraryField !== 'string' || !LIBRARY_FIELD_PATTERN.test(q.libraryField)) {
      add(`${path}.libraryField`, `Le champ de fiche associé à la question ${name} est invalide.`);
    } else if (options.libraryFields && !options.libraryFields.includes(q.libraryField)) {
      add(
        `${path}.libraryField`,
        `Le champ de fiche « ${q.libraryField} » (question ${name}) n'existe pas dans la bibliothèque.`,
      );
    } else if (libraryFields.has(q.libraryField)) {
      add(
        `${path}.libraryField`,
        `Le champ de fiche « ${q.libraryField} » est déjà associé à la question « ${libraryFields.get(q.libraryField)} ».`,
      );
    } else libraryFields.set(q.libraryField, String(q.id));
  }
  checkValidation(q, type, path, name, add);

  switch (type) {
    case 'date':
      if (q.precision !== undefined && q.precision !== 'day' && q.precision !== 'month') {
        add(`${path}.precision`, `La précision de la date ${name} doit être « day » ou « month ».`);
      }
      break;
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const codes = checkChoices(q.choices, `${path}.choices`, `la question ${name}`, 'liste des choix', 1, add);
      optionalBoolean(q, 'allowOther', path, `« allowOther » (question ${name})`, add);
      if (q.allowOther === true && codes.includes(OTHER_CODE)) {
        add(
          `${path}.choices`,
          `Le code « ${OTHER_CODE} » est réservé à l'option « Autre » de la question ${name} : renommez ce choix ou retirez allowOther.`,
        );
      }
      if (q.otherLabel !== undefined) {
        if (q.allowOther !== true)
          add(`${path}.otherLabel`, `« otherLabel » n'a de sens qu'avec allowOther (question ${name}).`);
        else if (!isNonEmptyString(q.otherLabel))
          add(`${path}.otherLabel`, `Le libellé de l'option « Autre » de ${name} est vide.`);
      }
      if (type === 'multiple_choice') {
        const count = codes.length + (q.allowOther === true ? 1 : 0);
        for (const key of ['minChoices', 'maxChoices'] as const) {
          const v = q[key];
          if (v === undefined) continue;
          if (!isInt(v) || v < (key === 'minChoices' ? 0 : 1)) {
            add(`${path}.${key}`, `« ${key} » (question ${name}) doit être un entier positif.`);
          } else if (v > count) {
            add(`${path}.${key}`, `« ${key} » (question ${name}) dépasse le nombre de choix (${count}).`);
          }
        }
        if (isInt(q.minChoices) && isInt(q.maxChoices) && q.minChoices > q.maxChoices) {
          add(`${path}.minChoices`, `Le nombre minimum de choix dépasse le maximum (question ${name}).`);
        }
      }
      break;
    }
    case 'ranking':
      checkChoices(q.choices, `${path}.choices`, `la question ${name}`, 'liste des éléments à classer', 2, add);
      break;
    case 'matrix':
      checkChoices(q.rows, `${path}.rows`, `la question ${name}`, 'liste des lignes', 1, add);
      checkChoices(q.columns, `${path}.columns`, `la question ${name}`, 'liste des colonnes', 2, add);
      optionalBoolean(q, 'allRowsRequired', path, `« allRowsRequired » (question ${name})`, add);
      break;
    case 'scale':
      if (!(SCALE_MAXIMA as readonly unknown[]).includes(q.max)) {
        add(`${path}.max`, `L'échelle ${name} va de 1 à 5 ou de 1 à 10 : « max » doit valoir 5 ou 10.`);
      }
      optionalString(q, 'minLabel', path, `Le libellé du minimum de ${name}`, add);
      optionalString(q, 'maxLabel', path, `Le libellé du maximum de ${name}`, add);
      break;
    case 'file':
      if (!isInt(q.maxSizeBytes) || q.maxSizeBytes < 1 || q.maxSizeBytes > MAX_FILE_SIZE_LIMIT) {
        add(
          `${path}.maxSizeBytes`,
          `La taille maximale du fichier (question ${name}) doit être un nombre d'octets entre 1 et ${MAX_FILE_SIZE_LIMIT} (50 Mo).`,
        );
      }
      if (!Array.isArray(q.accept) || q.accept.length === 0) {
        add(`${path}.accept`, `La question ${name} doit indiquer au moins un type de fichier accepté (type MIME).`);
      } else {
        q.accept.forEach((m, i) => {
          if (typeof m !== 'string' || !MIME_PATTERN.test(m)) {
            add(
              `${path}.accept[${i}]`,
              `Type de fichier invalide${typeof m === 'string' ? ` « ${m} »` : ''} (question ${name}) : attendu un type MIME comme application/pdf.`,
            );
          }
        });
      }
      break;
    default:
      break;
  }
}

function checkValidation(q: Json, type: QuestionType, path: string, name: string, add: (p: string, m: string) => void) {
  const v = q.validation;
  if (v === undefined) return;
  const vp = `${path}.validation`;
  if (!isObject(v)) {
    add(vp, `La validation de la question ${name} doit être un objet.`);
    return;
  }
  const allowed = VALIDATION_KEYS_BY_TYPE[type] ?? [];
  for (const key of Object.keys(v)) {
    if (!(allowed as string[]).includes(key)) {
      add(
        `${vp}.${key}`,
        allowed.length
          ? `La règle « ${key} » ne s'applique pas à une question de type ${QUESTION_TYPE_LABELS[type].toLowerCase()} (${name}).`
          : `Les questions de type ${QUESTION_TYPE_LABELS[type].toLowerCase()} n'acceptent pas de règle de validation (${name}).`,
      );
    }
  }
  for (const key of ['minLength', 'maxLength'] as const) {
    if (v[key] !== undefined && (!isInt(v[key]) || (v[key] as number) < (key === 'minLength' ? 0 : 1))) {
      add(`${vp}.${key}`, `« ${key} » (question ${name}) doit être un entier positif.`);
    }
  }
  if (isInt(v.minLength) && isInt(v.maxLength) && v.minLength > v.maxLength) {
    add(`${vp}.minLength`, `La longueur minimale dépasse la longueur maximale (question ${name}).`);
  }
  for (const key of ['min', 'max'] as const) {
    if (v[key] !== undefined && (typeof v[key] !== 'number' || !Number.isFinite(v[key]))) {
      add(`${vp}.${key}`, `« ${key} » (question ${name}) doit être un nombre.`);
    }
  }
  if (typeof v.min === 'number' && typeof v.max === 'number' && v.min > v.max) {
    add(`${vp}.min`, `Le minimum dépasse le maximum (question ${name}).`);
  }
  if (v.pattern !== undefined) {
    if (!isNonEmptyString(v.pattern))
      add(`${vp}.pattern`, `Le motif de la question ${name} doit être un texte non vide.`);
    else {
      try {
        compilePattern(v.pattern);
      } catch (e) {
        add(
          `${vp}.pattern`,
          `Le motif de la question ${name} n'est pas une expression régulière valide (${(e as Error).message}).`,
        );
      }
    }
  }
  if (v.patternMessage !== undefined) {
    if (v.pattern === undefined) add(`${vp}.patternMessage`, `« patternMessage » sans « pattern » (question ${name}).`);
    else if (!isNonEmptyString(v.patternMessage))
      add(`${vp}.patternMessage`, `Le message du motif de ${name} est vide.`);
  }
}

function checkCondition(
  cond: unknown,
  path: string,
  owner: string,
  ownerId: string | undefined,
  earlier: Map<string, Json>,
  laterIds: Set<string>,
  add: (p: string, m: string) => void,
  depth = 0,
) {
  const where = `la condition d'affichage de ${owner}`;
  if (depth > 20) {
    add(path, `${capitalise(where)} est imbriquée trop profondément.`);
    return;
  }
  if (!isObject(cond)) {
    add(path, `${capitalise(where)} doit être un objet { all }, { any } ou { question, op, value }.`);
    return;
  }
  for (const group of ['all', 'any'] as const) {
    if (group in cond) {
      unknownKeys(cond, [group], path, where, add);
      const list = cond[group];
      if (!Array.isArray(list) || list.length === 0) {
        add(`${path}.${group}`, `« ${group} » doit contenir au moins une condition (${where}).`);
        return;
      }
      list.forEach((c, i) => {
        checkCondition(c, `${path}.${group}[${i}]`, owner, ownerId, earlier, laterIds, add, depth + 1);
      });
      return;
    }
  }
  unknownKeys(cond, ['question', 'op', 'value'], path, where, add);
  const qid = cond.question;
  const op = cond.op;
  if (typeof qid !== 'string' || qid === '') {
    add(`${path}.question`, `${capitalise(where)} doit nommer une question (« question »).`);
    return;
  }
  if (!(CONDITION_OPS as readonly unknown[]).includes(op)) {
    add(
      `${path}.op`,
      `Opérateur inconnu${typeof op === 'string' ? ` « ${op} »` : ''} dans ${where} : attendu ${CONDITION_OPS.join(', ')}.`,
    );
    return;
  }
  const target = earlier.get(qid);
  if (!target) {
    if (qid === ownerId) add(`${path}.question`, `${capitalise(where)} ne peut pas porter sur la question elle-même.`);
    else if (laterIds.has(qid)) {
      add(
        `${path}.question`,
        `${capitalise(where)} porte sur « ${qid} », qui n'est pas une question placée avant elle.`,
      );
    } else add(`${path}.question`, `${capitalise(where)} porte sur une question inconnue « ${qid} ».`);
    return;
  }
  const type = target.type as QuestionType;
  const opName = op as ConditionOp;
  if (!OPS_BY_TYPE[type].includes(opName)) {
    add(
      `${path}.op`,
      `L'opérateur « ${opName} » ne s'applique pas à « ${qid} » (${QUESTION_TYPE_LABELS[type].toLowerCase()}) : possibles ${OPS_BY_TYPE[type].join(', ')}.`,
    );
    return;
  }
  const value = cond.value;
  if (!OPS_WITH_VALUE.includes(opName)) {
    if (value !== undefined) add(`${path}.value`, `L'opérateur « ${opName} » ne prend pas de valeur (${where}).`);
    return;
  }
  if (value === undefined) {
    add(`${path}.value`, `L'opérateur « ${opName} » demande une valeur (${where}).`);
    return;
  }
  const badValue = conditionValueProblem(target, type, opName, value);
  if (badValue) add(`${path}.value`, `${badValue} (${where}).`);
}

function conditionValueProblem(target: Json, type: QuestionType, op: ConditionOp, value: unknown): string | null {
  const qid = String(target.id);
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `La valeur comparée à « ${qid} » doit être un nombre`;
    case 'scale': {
      const max = typeof target.max === 'number' ? target.max : 10;
      return isInt(value) && value >= 1 && value <= max
        ? null
        : `La valeur comparée à « ${qid} » doit être un entier de 1 à ${max}`;
    }
    case 'date': {
      const re = target.precision === 'month' ? DATE_MONTH : DATE_DAY;
      return typeof value === 'string' && re.test(value)
        ? null
        : `La valeur comparée à « ${qid} » doit être une date ${target.precision === 'month' ? 'AAAA-MM' : 'AAAA-MM-JJ'}`;
    }
    case 'yes_no':
      return typeof value === 'boolean' ? null : `La valeur comparée à « ${qid} » doit être true ou false`;
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const codes = Array.isArray(target.choices) ? target.choices.filter(isObject).map((c) => c.code) : [];
      if (target.allowOther === true) codes.push(OTHER_CODE);
      return typeof value === 'string' && codes.includes(value)
        ? null
        : `La valeur « ${String(value)} » n'est pas un code de choix de « ${qid} » (codes : ${codes.join(', ')})`;
    }
    default:
      if (typeof value !== 'string' || value.trim() === '')
        return `La valeur comparée à « ${qid} » doit être un texte non vide`;
      return op === 'greater' || op === 'less' ? `Comparaison « ${op} » impossible sur un texte` : null;
  }
}
