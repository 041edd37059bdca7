/**
 * SurveyJS import: a SurveyJS JSON survey into our format, with a French report of everything that could not be
 * mapped.
 *
 * - pages and their elements; panels (nested too) become sections of the page with their name, title, description
 *   and condition (an empty panel is reported and left out); SurveyJS `name` is kept as our stable id, and slugified
 *   only when it is not a valid id (the change is reported);
 * - text (inputType email, number, date, month, url), comment, checkbox, tagbox, radiogroup, dropdown, boolean,
 *   rating, matrix, ranking, file and html are mapped (import-question.ts); expression and the other types are
 *   reported and left out;
 * - per-language texts `{ "default": …, "fr": … }` prefer French;
 * - `visibleIf` expressions are parsed into our condition tree (`=`, `<>`, `contains`, `empty`, `notempty`, `>`, `<`,
 *   `>=`, `<=`, `anyof`, `allof`, `and`, `or`, `!`, parentheses); an expression we cannot express exactly is dropped
 *   and reported (the element then always shows).
 */
import { type Element, type Form, ID_PATTERN, type InfoBlock, type Page, type Section, slugify } from '../model.ts';
import { type Issue, validateForm } from '../validate.ts';
import { convertQuestion } from './import-question.ts';
import { attachCondition, createImportState, type ImportState, PRESENTATION, unknownProps } from './import-state.ts';
import { htmlToParagraphs, isObject, type Json, join, type ReportEntry, text } from './shared.ts';

const ROOT_SILENT = new Set([
  'title',
  'description',
  'pages',
  'elements',
  'questions',
  'locale',
  'clearInvisibleValues',
  'showQuestionNumbers',
  'showProgressBar',
  'progressBarType',
  'progressBarShowPageNumbers',
  'progressBarShowPageTitles',
  'questionsOnPageMode',
  'showTitle',
  'showPageTitles',
  'showPageNumbers',
  'logo',
  'logoPosition',
  'logoWidth',
  'logoHeight',
  'logoFit',
  'widthMode',
  'width',
  'completeText',
  'pageNextText',
  'pagePrevText',
  'startSurveyText',
  'showNavigationButtons',
  'navigationButtonsLocation',
  'showPrevButton',
  'goNextPageAutomatic',
  'autoAdvanceEnabled',
  'checkErrorsMode',
  'textUpdateMode',
  'questionErrorLocation',
  'questionTitleLocation',
  'questionDescriptionLocation',
  'questionTitlePattern',
  'requiredText',
  'showCompletedPage',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'headerView',
  'focusFirstQuestionAutomatic',
  'autoFocusFirstQuestion',
  'showTOC',
  'tocLocation',
  'firstPageIsStarted',
  'showPreviewBeforeComplete',
  'previewText',
  'editText',
  'maxTextLength',
  'maxOthersLength',
  'storeOthersAsComment',
  'autoGrowComment',
  'allowResizeComment',
  'showBrandInfo',
  'questionStartIndex',
  '$schema',
  'mode',
  'sendResultOnPageNext',
  'showTimerPanel',
  'showTimer',
  'cookieName',
  'surveyId',
  'surveyPostId',
]);

const SKIPPED_TYPES: Record<string, string> = {
  expression: 'les valeurs calculées (type « expression ») ne sont pas prises en charge',
  matrixdropdown: 'les tableaux à listes (type « matrixdropdown ») ne sont pas pris en charge',
  matrixdynamic: 'les tableaux dynamiques (type « matrixdynamic ») ne sont pas pris en charge',
  paneldynamic: 'les groupes répétables (type « paneldynamic ») ne sont pas pris en charge',
  multipletext:
    'les textes multiples (type « multipletext ») ne sont pas pris en charge : créez une question par champ',
  imagepicker: 'le choix d’images (type « imagepicker ») n’est pas pris en charge',
  image: 'les images (type « image ») ne sont pas prises en charge',
  signaturepad: 'les signatures (type « signaturepad ») ne sont pas prises en charge',
  slider: 'les curseurs (type « slider ») ne sont pas pris en charge',
};

export interface SurveyJsImport {
  /** Present when the import produced a valid form. */
  questionnaire?: Form;
  /** Everything that could not be mapped exactly, in French. */
  report: ReportEntry[];
  /** Structural problems that prevent the import (French, path-located). Empty on success. */
  issues: Issue[];
}

/** Imports a SurveyJS survey (parsed JSON). */
export function fromSurveyJs(input: unknown): SurveyJsImport {
  const report: ReportEntry[] = [];
  if (!isObject(input)) {
    return { report, issues: [{ path: '', message: 'Le fichier SurveyJS doit contenir un objet JSON.' }] };
  }
  for (const key of Object.keys(input)) {
    if (!ROOT_SILENT.has(key)) {
      const why =
        key === 'triggers'
          ? 'les déclencheurs (triggers) ne sont pas pris en charge'
          : key === 'calculatedValues'
            ? 'les valeurs calculées ne sont pas prises en charge'
            : 'réglage non repris';
      report.push({ path: key, message: `« ${key} » : ${why}.` });
    }
  }

  // Source pages: `pages`, or a single page from root `elements`/`questions`.
  let sourcePages: Json[];
  let pagesPath: (i: number) => string;
  if (Array.isArray(input.pages) && input.pages.length) {
    sourcePages = input.pages.filter(isObject);
    pagesPath = (i) => `pages[${i}]`;
  } else if (Array.isArray(input.elements) || Array.isArray(input.questions)) {
    sourcePages = [{ name: 'page1', elements: input.elements ?? input.questions }];
    pagesPath = () => '';
  } else {
    return { report, issues: [{ path: 'pages', message: 'Le questionnaire SurveyJS ne contient aucune page.' }] };
  }

  const state = createImportState(sourcePages, report);
  const pages: Page[] = [];
  const pageIds = new Set<string>();
  sourcePages.forEach((sp, pi) => {
    const page = convertPage(state, sp, pagesPath(pi), pi, pageIds, pages.length);
    if (page) pages.push(page);
  });
  return finish(state, input, pages);
}

const PAGE_PROPERTIES = ['name', 'title', 'description', 'elements', 'questions', 'visibleIf', 'visible'];

function convertPage(
  state: ImportState,
  sp: Json,
  pp: string,
  pi: number,
  pageIds: Set<string>,
  pagesSoFar: number,
): Page | null {
  const { note, report } = state;
  for (const key of Object.keys(sp)) {
    if (!PAGE_PROPERTIES.includes(key) && !PRESENTATION.has(key)) {
      note(join(pp, key), `Propriété de page « ${key} » non reprise.`);
    }
  }
  if (sp.visible === false && !(typeof sp.visibleIf === 'string' && sp.visibleIf.trim())) {
    note(pp || 'pages[0]', 'Page masquée (visible: false) : non reprise.');
    return null;
  }
  const title = text(sp.title, join(pp, 'title'), report);
  let pageId =
    typeof sp.name === 'string' && ID_PATTERN.test(sp.name)
      ? sp.name
      : slugify(sp.name ?? title ?? `page_${pi + 1}`, 'page');
  if (typeof sp.name === 'string' && sp.name !== pageId)
    note(join(pp, 'name'), `Nom de page « ${sp.name} » invalide : devenu « ${pageId} ».`);
  for (let n = 2; pageIds.has(pageId); n++) pageId = `${pageId}_${n}`;
  pageIds.add(pageId);
  const inherited = typeof sp.visibleIf === 'string' && sp.visibleIf.trim() ? [sp.visibleIf] : [];
  const elements: Element[] = [];
  const sections: Section[] = [];
  convertElements(state, sp.elements ?? sp.questions, join(pp, sp.elements ? 'elements' : 'questions'), inherited, {
    out: elements,
    sections,
  });
  if (elements.length === 0) {
    note(pp || 'elements', `La page « ${title ?? pageId} » ne contient aucun élément repris : page non reprise.`);
    return null;
  }
  const page: Page = { id: pageId, title: title?.trim() || `Page ${pagesSoFar + 1}`, elements };
  if (!title?.trim()) note(join(pp, 'title'), `Page sans titre : « ${page.title} » attribué.`);
  const description = text(sp.description, join(pp, 'description'), report);
  if (description) page.description = description;
  if (sections.length) page.sections = sections;
  return page;
}

/** Where converted elements go: the page's list and sections, and the section being filled (if any). */
interface Target {
  out: Element[];
  sections: Section[];
  section?: string;
}

/** Converts a list of SurveyJS elements into `target`; `inherited` are the page's conditions. */
function convertElements(state: ImportState, list: unknown, path: string, inherited: string[], target: Target) {
  if (!Array.isArray(list)) return;
  const place = (element: Element) => {
    if (target.section) element.section = target.section;
    target.out.push(element);
  };
  list.forEach((el, i) => {
    const ep = `${path}[${i}]`;
    if (!isObject(el)) {
      state.note(ep, 'Élément qui n’est pas un objet : ignoré.');
      return;
    }
    const type = typeof el.type === 'string' ? el.type.toLowerCase() : '';
    const label = typeof el.name === 'string' ? `« ${el.name} »` : `${i + 1}`;
    // survey-core writes `visible: false` for an element its condition hides at load time: the condition governs.
    if (el.visible === false && !(typeof el.visibleIf === 'string' && el.visibleIf.trim())) {
      state.note(ep, `Élément ${label} masqué (visible: false) : non repris.`);
      return;
    }
    const own = typeof el.visibleIf === 'string' && el.visibleIf.trim() ? [el.visibleIf] : [];
    const conditions = [...inherited, ...own];
    if (type === 'panel') {
      convertPanel(state, el, ep, label, own, inherited, target);
      return;
    }
    if (type === 'html') {
      const info = convertHtml(state, el, ep, label);
      if (info) {
        attachCondition(state, info, { path: ep, name: info.id, expressions: conditions });
        place(info);
      }
      return;
    }
    if (Object.hasOwn(SKIPPED_TYPES, type)) {
      state.note(ep, `Élément ${label} non repris : ${SKIPPED_TYPES[type]}.`);
      return;
    }
    const converted = convertQuestion(state, el, type, ep, label);
    if (!converted) return;
    attachCondition(state, converted.question, {
      path: ep,
      name: String(el.name ?? converted.question.id),
      expressions: conditions,
    });
    place(converted.question);
    if (typeof el.name === 'string') state.known.set(el.name, converted);
    state.known.set(converted.question.id, converted);
  });
}

const PANEL_PROPERTIES = ['type', 'name', 'title', 'description', 'elements', 'questions', 'visibleIf', 'visible'];

/** A panel: a section of the page (name, title, description, condition), its elements inside it. */
function convertPanel(
  state: ImportState,
  el: Json,
  ep: string,
  label: string,
  own: string[],
  inherited: string[],
  target: Target,
) {
  const title = text(el.title, `${ep}.title`, state.report)?.trim();
  const description = text(el.description, `${ep}.description`, state.report)?.trim();
  for (const key of Object.keys(el)) {
    if (!PANEL_PROPERTIES.includes(key) && !PRESENTATION.has(key)) {
      state.note(`${ep}.${key}`, `Propriété « ${key} » du groupe ${label} non reprise.`);
    }
  }
  const section: Section = {
    id: state.takeId(el.name, title, ep, 'groupe'),
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(target.section ? { parent: target.section } : {}),
  };
  attachCondition(state, section, { path: ep, name: section.id, expressions: own });
  target.sections.push(section);
  const before = target.out.length;
  convertElements(state, el.elements ?? el.questions, `${ep}.${el.elements ? 'elements' : 'questions'}`, inherited, {
    ...target,
    section: section.id,
  });
  if (target.out.length === before) {
    // Nothing kept inside (its subsections are empty too): the section goes.
    const empty = new Set([section.id]);
    target.sections.splice(
      0,
      target.sections.length,
      ...target.sections.filter((s) => {
        if (empty.has(s.id) || (s.parent && empty.has(s.parent))) {
          empty.add(s.id);
          return false;
        }
        return true;
      }),
    );
    state.note(ep, `Groupe ${label} sans élément repris : non repris.`);
  }
}

/** An html element: an information block with its text (formatting and links dropped, reported). */
function convertHtml(state: ImportState, el: Json, ep: string, label: string): InfoBlock | null {
  const html = text(el.html, `${ep}.html`, state.report) ?? '';
  const { title, paragraphs, lost } = htmlToParagraphs(html);
  if (!title && paragraphs.length === 0) {
    state.note(ep, `Bloc HTML ${label} vide : non repris.`);
    return null;
  }
  if (lost) state.note(`${ep}.html`, `Bloc HTML ${label} : mise en forme et liens retirés, texte seul repris.`);
  unknownProps(state, el, ['html'], ep, label);
  return {
    id: state.takeId(el.name, title, ep, 'bloc'),
    type: 'info',
    ...(title ? { title } : {}),
    paragraphs,
  };
}

/** The form's title and description, then the structural check (a condition that still does not fit is dropped). */
function finish(state: ImportState, input: Json, pages: Page[]): SurveyJsImport {
  const { note, report } = state;
  const title = text(input.title, 'title', report)?.trim();
  const formTitle = title || 'Questionnaire importé';
  if (!title) note('title', 'Questionnaire sans titre : « Questionnaire importé » attribué.');
  const description = text(input.description, 'description', report)?.trim();
  const ordered: Form = {
    title: formTitle,
    ...(description ? { description } : {}),
    language: 'fr',
    pages,
  };
  if (pages.length === 0) {
    return {
      report,
      issues: [{ path: 'pages', message: 'Aucune page n’a pu être reprise de ce questionnaire SurveyJS.' }],
    };
  }
  let result = validateForm(ordered);
  if (!result.ok) {
    // Safety net: a condition that still does not fit is dropped and reported, like the ones we could not parse.
    let dropped = false;
    for (const issue of result.issues) {
      const m = /^pages\[(\d+)\]\.(elements|sections)\[(\d+)\]\.visibleIf/.exec(issue.path);
      const page = m ? pages[Number(m[1])] : undefined;
      const element = m ? (m[2] === 'elements' ? page?.elements : page?.sections)?.[Number(m[3])] : undefined;
      if (element?.visibleIf) {
        delete element.visibleIf;
        dropped = true;
        note(issue.path, `${issue.message} Condition non reprise : « ${element.id} » sera toujours affiché.`);
      }
    }
    if (dropped) result = validateForm(ordered);
  }
  if (!result.ok) return { report, issues: result.issues };
  return { questionnaire: result.questionnaire, report, issues: [] };
}
