/**
 * A LimeSurvey survey read from its tables (read.ts), as the importer walks it: questions and subquestions once each
 * (LimeSurvey 3 repeats them per language), groups in order, attributes by question, answer options and subquestions
 * of a question, and every text in French with the base language as a fallback (texts.ts). Texts taken from another
 * language are remembered by report path so that `noteFallback` can say « à traduire ».
 */
import type { Choice } from '../model.ts';
import { htmlToParagraphs, type ReportEntry } from '../surveyjs/shared.ts';
import type { LssTables, Row } from './read.ts';
import { type ByLanguage, byKey, languageOrder, pick } from './texts.ts';

export const order = (r: Row, key: string) => Number(r[key] ?? 0) || 0;

/** The plain text of a LimeSurvey HTML text (markup removed, paragraphs joined). */
export function plain(html: string): string {
  const { title, paragraphs } = htmlToParagraphs(html ?? '');
  return [title, ...paragraphs].filter(Boolean).join(' ').trim();
}

export function surveyView({ sections, languages }: LssTables, report: ReportEntry[]) {
  const lang = languages.find((l) => l === 'fr' || l.startsWith('fr-')) ?? languages[0] ?? '';
  if (lang && !lang.startsWith('fr')) {
    report.push({
      path: 'languages',
      message: `Le questionnaire n’a pas de textes en français : textes repris en « ${lang} », à traduire.`,
    });
  }
  const inLang = (r: Row) => !r.language || !lang || r.language === lang;

  // Texts by id and language: LimeSurvey 4+ keeps them in *_l10ns sections, LimeSurvey 3 in the rows themselves.
  const languageList = languageOrder(lang, sections.surveys?.[0]?.language, languages);
  const qRows = [...(sections.questions ?? []), ...(sections.subquestions ?? []), ...(sections.question_l10ns ?? [])];
  const questionTexts = byKey(qRows, 'qid', 'question', lang);
  const helpTexts = byKey(qRows, 'qid', 'help', lang);
  const gRows = [...(sections.groups ?? []), ...(sections.group_l10ns ?? [])];
  const groupNames = byKey(gRows, 'gid', 'group_name', lang);
  const groupDescriptions = byKey(gRows, 'gid', 'description', lang);
  const answerL10n = byKey(sections.answer_l10ns ?? [], 'aid', 'answer', lang);
  const settings = (sections.surveys_languagesettings ?? []).map((r) => ({ ...r, language: r.surveyls_language }));
  /** Languages other than French that texts were taken from, by report path. */
  const fallbacks = new Map<string, Set<string>>();
  const textIn = (texts: ByLanguage | undefined, path: string) => {
    const picked = pick(texts, languageList, plain);
    if (picked.from) fallbacks.set(path, (fallbacks.get(path) ?? new Set()).add(picked.from));
    return picked.text;
  };
  const noteFallback = (key: string, path = key) => {
    const from = fallbacks.get(key);
    if (!from) return;
    const list = [...from].map((l) => `« ${l} »`).join(', ');
    report.push({ path, message: `Textes absents en français, repris en ${list} : à traduire.` });
  };

  const attributes = new Map<string, Row[]>();
  for (const a of sections.question_attributes ?? []) {
    if (a.language && a.language !== lang) continue;
    attributes.set(a.qid, [...(attributes.get(a.qid) ?? []), a]);
  }
  const unique = (rows: Row[]) => {
    const seen = new Map<string, Row>();
    for (const r of rows) if (!seen.has(r.qid) || r.language === lang) seen.set(r.qid, r);
    return [...seen.values()];
  };
  const questions = unique(sections.questions ?? []).filter((q) => !q.parent_qid || q.parent_qid === '0');
  const subquestions = unique([
    ...(sections.subquestions ?? []),
    ...(sections.questions ?? []).filter((q) => q.parent_qid && q.parent_qid !== '0'),
  ]);
  /** Questions whose subquestion texts have a `|` (the left|right texts of a semantic differential or a slider). */
  const piped = new Set<string>();

  return {
    lang,
    questions,
    groups: [...new Map((sections.groups ?? []).map((g) => [g.gid, g])).values()].sort(
      (a, b) => order(a, 'group_order') - order(b, 'group_order'),
    ),
    attributes,
    piped,
    withDefault: new Set((sections.defaultvalues ?? []).map((d) => d.qid)),
    noteFallback,
    questionText: (qid: string, path: string) => ({
      question: textIn(questionTexts.get(qid), path),
      help: textIn(helpTexts.get(qid), path),
    }),
    groupText: (gid: string, key: string) => ({
      name: textIn(groupNames.get(gid), key),
      description: textIn(groupDescriptions.get(gid), key),
    }),
    surveyText: (field: 'surveyls_title' | 'surveyls_description') =>
      plain(textIn(byKey(settings, 'surveyls_survey_id', field, lang).values().next().value, 'titre')),
    answersOf: (qid: string, path: string, scale = '0'): Choice[] => {
      const byCode = new Map<string, { row: Row; texts: ByLanguage }>();
      for (const a of sections.answers ?? []) {
        if (a.qid !== qid || (a.scale_id ?? '0') !== scale) continue;
        const entry = byCode.get(a.code) ?? { row: a, texts: new Map<string, string>() };
        if (a.answer !== undefined) entry.texts.set(a.language || lang, a.answer);
        for (const [l, t] of answerL10n.get(a.aid) ?? []) entry.texts.set(l, t);
        if (inLang(a)) entry.row = a;
        byCode.set(a.code, entry);
      }
      return [...byCode.values()]
        .sort((a, b) => order(a.row, 'sortorder') - order(b.row, 'sortorder'))
        .map(({ row, texts }) => ({ code: row.code, label: plain(textIn(texts, path)) || row.code }));
    },
    subsOf: (qid: string, path: string, scale = '0'): Choice[] =>
      subquestions
        .filter((s) => s.parent_qid === qid && (s.scale_id ?? '0') === scale)
        .sort((a, b) => order(a, 'question_order') - order(b, 'question_order'))
        .map((s) => {
          const full = plain(textIn(questionTexts.get(s.qid), path));
          if (full.includes('|')) piped.add(qid);
          return { code: s.title, label: full.split('|')[0].trim() || s.title };
        }),
  };
}
