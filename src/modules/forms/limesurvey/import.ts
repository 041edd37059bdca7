/**
 * LimeSurvey import: a survey structure file (`.lss`, LimeSurvey 3 to 6) into our format, with a French report of
 * everything that could not be mapped.
 *
 * - question groups become pages (the group's relevance is added to each of its elements);
 * - question types: list (L), dropdown (!), list with comment (O, comment left out), multiple choice (M, P),
 *   short/long/huge text (S, T, U), numeric (N), multiple numeric (K) and multiple short text (Q) as one question per
 *   subquestion, date (D), yes/no (Y), gender (G), 5-point (5), arrays (F, A, B, C, E, H) as matrices, ranking (R),
 *   text display (X) as an information block; equations (*) and the other types are reported and left out;
 * - question codes are kept as our ids (a code that is not a valid id is turned into one and reported), answer
 *   option and subquestion codes are kept as choice, row and column codes;
 * - relevance equations are translated by relevance.ts; one we cannot express is reported (the element then shows);
 * - texts in French when the survey has French, else in its base language (reported); a text left empty in French
 *   (not translated) is taken from the base language, and the report says « à traduire » for that question or group;
 * - a question hidden in LimeSurvey (`hidden`) is left out, as respondents never saw it; default values, question
 *   themes that change what is asked (`browserdetect`…), the `|left|right` texts of subquestions and attributes not
 *   kept for the question's type are named in the report;
 * - `publicText` (free texts allowed in public results) has no LimeSurvey equivalent: it stays off on every imported
 *   question, and the report says so once when the survey has free texts.
 */
import {
  type Condition,
  codify,
  type Element,
  type Form,
  ID_PATTERN,
  type Page,
  type Question,
  type QuestionType,
  slugify,
} from '../model.ts';
import { htmlToParagraphs, type ReportEntry } from '../surveyjs/shared.ts';
import type { Issue } from '../validate.ts';
import { type Row, readLss } from './read.ts';
import { type Ref, translateRelevance } from './relevance.ts';
import { order, plain, surveyView } from './survey.ts';

export interface LimeSurveyImport {
  questionnaire?: Form;
  report: ReportEntry[];
  issues: Issue[];
}

const TYPE_NAMES: Record<string, string> = {
  '1': 'tableau à double échelle',
  ':': 'tableau de nombres',
  ';': 'tableau de textes',
  '|': 'envoi de fichier',
  I: 'choix de langue',
  '*': 'équation',
};

/** Attributes with no effect on what is asked (presentation), never reported. */
const SILENT_ATTRIBUTES = new Set([
  'display_columns',
  'hide_tip',
  'text_input_width',
  'input_size',
  'display_rows',
  'answer_width',
  'page_break',
  'cssclass',
  'question_template',
  'hidden',
  'statistics_showgraph',
  'statistics_graphtype',
  'statistics_showmap',
  'public_statistics',
  'time_limit',
  'time_limit_action',
  'save_as_default',
  'clear_default',
  'scale_export',
  'printable_help',
  'use_dropdown',
  'dropdown_size',
  'dropdown_prefixes',
  'repeat_headings',
  'answer_width_bycolumn',
  'other_replace_text',
  'dualscale_headerA',
  'dualscale_headerB',
  'text_input_columns',
  'label_input_columns',
  'image_select_imagestyle',
  'em_validation_q_tip',
  'em_validation_sq_tip',
  'encrypted',
]);

/** Attributes mapped for some question types only (elsewhere they are reported as not kept). */
const MAPPED_ATTRIBUTES: Record<string, string[]> = {
  M: ['min_answers', 'max_answers'],
  P: ['min_answers', 'max_answers'],
  S: ['maximum_chars'],
  T: ['maximum_chars'],
  U: ['maximum_chars'],
  N: ['min_num_value_n', 'max_num_value_n'],
};

/**
 * Question themes (LimeSurvey 5+) that ask the same thing as the type's standard form: the core themes and the ones
 * that only change the presentation (buttons, images, drag and drop, fields shown on demand). Any other theme (for
 * instance `browserdetect`, filled in by LimeSurvey itself) is named in the report.
 */
const STANDARD_THEMES = new Set([
  'core',
  'shortfreetext',
  'longfreetext',
  'hugefreetext',
  'multipleshorttext',
  'numerical',
  'multiplenumeric',
  'yesno',
  'gender',
  '5pointchoice',
  'language',
  'list_dropdown',
  'listradio',
  'list_with_comment',
  'multiplechoice',
  'multiplechoice_with_comments',
  'date',
  'ranking',
  'boilerplate',
  'equation',
  'file_upload',
  'bootstrap_buttons',
  'bootstrap_buttons_multi',
  'bootstrap_dropdown',
  'image_select-listradio',
  'image_select-multiplechoice',
  'ranking_advanced',
  'inputondemand',
]);

const FIXED_COLUMNS: Record<string, [string, string][]> = {
  A: [1, 2, 3, 4, 5].map((n) => [String(n), String(n)]),
  B: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [String(n), String(n)]),
  C: [
    ['Y', 'Oui'],
    ['U', 'Incertain'],
    ['N', 'Non'],
  ],
  E: [
    ['I', 'En hausse'],
    ['S', 'Stable'],
    ['D', 'En baisse'],
  ],
};

/** Imports a LimeSurvey `.lss` text. */
export function fromLimeSurvey(text: string): LimeSurveyImport {
  const report: ReportEntry[] = [];
  const read = readLss(text);
  if (!read.ok) return { report, issues: [{ path: 'file', message: read.message }] };
  const view = surveyView(read.tables, report);
  const { questions, groups, attributes, piped, withDefault, noteFallback, answersOf, subsOf } = view;

  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    usedIds.add(id.toLowerCase());
    return id;
  };
  const idOf = (code: string) => (ID_PATTERN.test(code) && code.length <= 60 ? code : slugify(code, 'question'));
  /** Variable names of the survey (question codes, `code_subcode`) → what they refer to, as questions are read. */
  const names = new Map<string, Ref>();
  // A relevance written by LimeSurvey's condition editor may name a question by its internal number, `Q<qid>`
  // (`Q481.NAOK == "F"` for the question whose qid is 481, as its <conditions> table says): a fallback after codes.
  const codeOfQid = new Map(questions.map((q) => [q.qid, q.title]));
  const resolve = (name: string) => {
    const byCode = names.get(name);
    if (byCode) return byCode;
    // A field named the SGQA way, `<survey>X<group>X<qid><subquestion code>` (what the condition editor writes).
    const sgqa = /^\d+X\d+X(\d+)(.*)$/.exec(name);
    const sgqaCode = sgqa ? codeOfQid.get(sgqa[1]) : undefined;
    if (sgqa && sgqaCode) return names.get(sgqa[2] ? `${sgqaCode}_${sgqa[2]}` : sgqaCode) ?? null;
    const qid = /^Q(\d+)$/.exec(name)?.[1];
    const code = qid ? codeOfQid.get(qid) : undefined;
    return (code ? names.get(code) : undefined) ?? null;
  };
  const notePlaceholders = (path: string, ...texts: (string | undefined)[]) => {
    const note = placeholderNote(path, texts);
    if (note) report.push(note);
  };
  const safeCode = (code: string, path: string) => {
    if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(code)) return code;
    const changed = codify(code);
    report.push({ path, message: `Code « ${code} » repris en « ${changed} ».` });
    return changed;
  };
  const relevance = (source: string | undefined, path: string): Condition | undefined => {
    if (!source) return undefined;
    const result = translateRelevance(source, resolve);
    if ('error' in result) {
      report.push({
        path,
        message: `Condition « ${source.trim()} » non reprise (${result.error}) : l’élément est toujours affiché.`,
      });
      return undefined;
    }
    return result.condition ?? undefined;
  };

  /** What else is said of a kept question: default value, theme, texts after `|`, texts not in French. */
  const noteQuestion = (q: Row, path: string) => {
    if (withDefault.has(q.qid)) {
      report.push({ path, message: 'Valeur par défaut non reprise : la question est vide au départ.' });
    }
    const theme = q.question_theme_name;
    if (theme && !theme.startsWith('arrays/') && !STANDARD_THEMES.has(theme)) {
      report.push({
        path,
        message: `Thème de question « ${theme} » non repris : la question est présentée sous sa forme standard.`,
      });
    }
    if (piped.has(q.qid)) {
      report.push({
        path,
        message: 'Textes après « | » des sous-questions (libellés de droite ou des extrémités) non repris.',
      });
    }
    noteFallback(path);
  };

  const pages: Page[] = [];
  for (const g of groups) {
    const gKey = `groupe ${g.gid}`;
    const gText = view.groupText(g.gid, gKey);
    const gPath = `groupe ${plain(gText.name) || g.gid}`;
    noteFallback(gKey, gPath);
    const groupCondition = relevance(g.grelevance, `${gPath} (condition du groupe)`);
    notePlaceholders(gPath, gText.name, gText.description);
    const elements: Element[] = [];
    const inGroup = questions
      .filter((q) => q.gid === g.gid)
      .sort((a, b) => order(a, 'question_order') - order(b, 'question_order'));
    for (const q of inGroup) {
      const code = q.title;
      const path = `question ${code}`;
      const texts = view.questionText(q.qid, path);
      const label = plain(texts.question) || code;
      const hint = plain(texts.help) || undefined;
      const required = q.mandatory === 'Y' || undefined;
      const visibleIf = relevance(q.relevance, path);
      notePlaceholders(path, texts.question, texts.help);
      const attrs = attributes.get(q.qid) ?? [];
      const attr = (name: string) => attrs.find((a) => a.attribute === name)?.value;
      if (attr('hidden') === '1') {
        report.push({
          path,
          message:
            'Question cachée dans LimeSurvey (réglage « hidden ») : non reprise, les répondants ne la voyaient pas.',
        });
        names.set(code, { kind: 'other', reason: `« ${code} » est une question cachée, non reprise` });
        continue;
      }
      const other = q.other === 'Y';
      const idBase = idOf(code);
      const base = (id: string, type: QuestionType) => ({ id, type, label, hint, required, visibleIf });
      const added: Question[] = [];
      const question = (type: QuestionType, extra: Record<string, unknown> = {}) => {
        const id = uniqueId(idBase);
        if (id !== code) report.push({ path, message: `Code « ${code} » repris comme identifiant « ${id} ».` });
        const made = { ...base(id, type), ...extra } as Question;
        added.push(made);
        names.set(code, { kind: 'question', id, type });
        return made;
      };
      const choiceExtras = () => ({
        ...(other ? { allowOther: true, otherLabel: attr('other_replace_text') || undefined } : {}),
      });
      switch (q.type) {
        case 'L':
        case '!':
        case 'O':
          question(q.type === '!' ? 'dropdown' : 'single_choice', {
            choices: answersOf(q.qid, path),
            ...choiceExtras(),
          });
          if (q.type === 'O') report.push({ path, message: 'Le commentaire de la liste n’est pas repris.' });
          break;
        case 'M':
        case 'P': {
          const min = Number(attr('min_answers'));
          const max = Number(attr('max_answers'));
          const made = question('multiple_choice', {
            choices: subsOf(q.qid, path).map((c) => ({ ...c, code: safeCode(c.code, path) })),
            ...choiceExtras(),
            ...(min > 0 ? { minChoices: min } : {}),
            ...(max > 0 ? { maxChoices: max } : {}),
          });
          for (const c of subsOf(q.qid, path))
            names.set(`${code}_${c.code}`, { kind: 'option', id: made.id, code: c.code });
          if (q.type === 'P') report.push({ path, message: 'Les commentaires des options ne sont pas repris.' });
          break;
        }
        case 'S':
          question(
            'short_text',
            attr('maximum_chars') ? { validation: { maxLength: Number(attr('maximum_chars')) } } : {},
          );
          break;
        case 'T':
        case 'U':
          question(
            'long_text',
            attr('maximum_chars') ? { validation: { maxLength: Number(attr('maximum_chars')) } } : {},
          );
          break;
        case 'N': {
          const validation: Record<string, number> = {};
          if (attr('min_num_value_n')) validation.min = Number(attr('min_num_value_n'));
          if (attr('max_num_value_n')) validation.max = Number(attr('max_num_value_n'));
          question('number', Object.keys(validation).length ? { validation } : {});
          break;
        }
        case 'K':
        case 'Q':
          for (const sub of subsOf(q.qid, path)) {
            const id = uniqueId(idOf(`${code}_${sub.code}`));
            const type: QuestionType = q.type === 'K' ? 'number' : 'short_text';
            added.push({ ...base(id, type), label: `${label} — ${sub.label}` } as Question);
            names.set(`${code}_${sub.code}`, { kind: 'question', id, type });
          }
          names.set(code, { kind: 'other', reason: `« ${code} » désigne plusieurs champs` });
          report.push({ path, message: 'Question à plusieurs champs : une question par sous-question.' });
          break;
        case 'D':
          question('date');
          break;
        case 'Y':
          question('yes_no');
          break;
        case 'G':
          question('single_choice', {
            choices: [
              { code: 'F', label: 'Femme' },
              { code: 'M', label: 'Homme' },
            ],
          });
          break;
        case '5':
          question('scale', { max: 5 });
          break;
        case 'F':
        case 'H':
        case 'A':
        case 'B':
        case 'C':
        case 'E': {
          const columns = FIXED_COLUMNS[q.type]?.map(([c, l]) => ({ code: c, label: l })) ?? answersOf(q.qid, path);
          question('matrix', {
            rows: subsOf(q.qid, path).map((c) => ({ ...c, code: safeCode(c.code, path) })),
            columns: columns.map((c) => ({ ...c, code: safeCode(c.code, path) })),
          });
          names.set(code, {
            kind: 'other',
            reason: `les conditions sur un tableau (« ${code} ») ne sont pas reprises`,
          });
          for (const row of subsOf(q.qid, path)) {
            names.set(`${code}_${row.code}`, {
              kind: 'other',
              reason: 'les conditions sur une ligne de tableau ne sont pas reprises',
            });
          }
          if (q.type === 'H') report.push({ path, message: 'Tableau par colonnes : présenté par lignes.' });
          break;
        }
        case 'R':
          question('ranking', { choices: answersOf(q.qid, path) });
          break;
        case 'X': {
          const { title, paragraphs } = htmlToParagraphs(texts.question ?? '');
          const id = uniqueId(idBase);
          elements.push({
            id,
            type: 'info',
            ...(title ? { title } : {}),
            paragraphs: paragraphs.length || title ? paragraphs : [code],
            ...(visibleIf || groupCondition
              ? {
                  visibleIf:
                    visibleIf && groupCondition ? { all: [groupCondition, visibleIf] } : (visibleIf ?? groupCondition),
                }
              : {}),
          });
          break;
        }
        default: {
          const name = TYPE_NAMES[q.type] ?? `type « ${q.type} »`;
          report.push({ path, message: `Question non reprise (type non pris en charge : ${name}).` });
          names.set(code, { kind: 'other', reason: `« ${code} » n’a pas été reprise` });
        }
      }
      for (const made of added) {
        if (!made.hint) delete made.hint;
        if (!made.required) delete made.required;
        if (!made.visibleIf) delete made.visibleIf;
        if (groupCondition)
          made.visibleIf = made.visibleIf ? { all: [groupCondition, made.visibleIf] } : groupCondition;
        elements.push(made);
      }
      const mapped = MAPPED_ATTRIBUTES[q.type] ?? [];
      const lost = attrs.filter(
        (a) =>
          a.value !== '' && a.value !== '0' && !SILENT_ATTRIBUTES.has(a.attribute) && !mapped.includes(a.attribute),
      );
      if (lost.length) {
        report.push({
          path,
          message: `Réglages non repris : ${[...new Set(lost.map((a) => a.attribute))].join(', ')}.`,
        });
      }
      noteQuestion(q, path);
    }
    if (!elements.length) continue;
    const title = plain(gText.name) || `Page ${pages.length + 1}`;
    const description = plain(gText.description) || undefined;
    pages.push({ id: uniqueId(slugify(title, 'page')), title, ...(description ? { description } : {}), elements });
  }
  const title = view.surveyText('surveyls_title');
  const description = view.surveyText('surveyls_description');
  noteFallback('titre');
  if (!pages.length)
    return { report, issues: [{ path: 'file', message: 'Aucune question du fichier n’a pu être reprise.' }] };
  const freeTexts = freeTextNote(pages);
  if (freeTexts) report.push(freeTexts);
  return {
    questionnaire: {
      title: title || 'Questionnaire LimeSurvey',
      ...(description ? { description } : {}),
      language: 'fr',
      pages,
    },
    report,
    issues: [],
  };
}

/** A question whose answer may be a free text (the text itself, or the precision of « Autre »). */
function hasFreeText(e: Element): boolean {
  if (e.type === 'short_text' || e.type === 'long_text') return true;
  return (e.type === 'single_choice' || e.type === 'dropdown' || e.type === 'multiple_choice') && e.allowOther === true;
}

/** Texts with LimeSurvey placeholders (`{Q00.NAOK}`) are kept as written: said once per place. */
function placeholderNote(path: string, texts: (string | undefined)[]): ReportEntry | null {
  const found = [...new Set(texts.flatMap((t) => (t ?? '').match(/\{[^{}]+\}/g) ?? []))];
  if (!found.length) return null;
  const one = found.length === 1;
  return {
    path,
    message: `Texte gardé tel quel avec ${one ? 'une expression LimeSurvey' : 'des expressions LimeSurvey'} (${found.slice(0, 3).join(', ')}) : ${one ? 'elle n’est pas calculée' : 'elles ne sont pas calculées'} ici, reformulez le texte.`,
  };
}

/** `publicText` has no LimeSurvey equivalent: the free texts stay out of public results, said once. */
function freeTextNote(pages: Page[]): ReportEntry | null {
  const freeTexts = pages.flatMap((p) => p.elements).filter(hasFreeText);
  if (!freeTexts.length) return null;
  const names = freeTexts.slice(0, 5).map((q) => `« ${q.id} »`);
  return {
    path: 'questions',
    message: `LimeSurvey n’indique pas quelles réponses libres peuvent être publiées : celles de ${freeTexts.length === 1 ? 'la question' : `${freeTexts.length} questions`} (${names.join(', ')}${freeTexts.length > 5 ? '…' : ''}) restent hors des résultats publics ; autorisez-les question par question dans l’éditeur si besoin.`,
  };
}
