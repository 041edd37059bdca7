/**
 * Presenting the answering pages: one page of the form (with errors, conflicts, organisation choices) and the
 * summary (check your answers, receipt, read-only after closing), from a respondent and its answers.
 */
import type { FastifyReply } from 'fastify';
import { notFound } from '../../../platform/http/errors.ts';
import { PICKER_SCRIPT } from '../../../platform/ui/organisation-picker.tsx';
import {
  type Answers,
  allQuestions,
  type Conflict,
  type FileAnswer,
  type Form,
  type OrganisationOption,
  progress,
  validateAnswers,
  visibleElementIds,
} from '../../forms/index.ts';
import type { Response } from '../records.ts';
import type { Respondent } from '../services/respondents.ts';
import { AnswerPage, Summary } from '../views/answer.tsx';
import { ResponseListPage } from '../views/responses-list.tsx';

/** The browser island of the answering pages (conditions shown live, autosave). */
export const ANSWER_SCRIPT = '/assets/questionnaire.js';

/** Which elements are visible for these answers, and the pages that have something to show. */
export function pagesOf(questionnaire: Form, answers: Answers) {
  const visible = visibleElementIds(questionnaire, answers);
  const pages = questionnaire.pages.filter((p) => p.elements.some((e) => visible.has(e.id)));
  return { visible, pages };
}

/** The page after `pageId` that has something to show, or null (then comes the summary). */
export function nextPage(questionnaire: Form, answers: Answers, pageId: string): string | null {
  const order = questionnaire.pages.map((p) => p.id);
  const here = order.indexOf(pageId);
  return pagesOf(questionnaire, answers).pages.find((p) => order.indexOf(p.id) > here)?.id ?? null;
}

/** The page before `pageId` that has something to show, or null. */
export function previousPage(questionnaire: Form, answers: Answers, pageId: string): string | null {
  const order = questionnaire.pages.map((p) => p.id);
  const here = order.indexOf(pageId);
  return [...pagesOf(questionnaire, answers).pages].reverse().find((p) => order.indexOf(p.id) < here)?.id ?? null;
}

type Names = (values: unknown[]) => Promise<Record<string, string>>;

async function context(r: Respondent, answers: Answers, names: Names) {
  const orgValues = r.version.content.pages
    .flatMap((p) => p.elements)
    .filter((e) => e.type === 'organisation')
    .map((e) => answers[e.id]);
  return {
    campaignTitle: r.campaign.title,
    authorityName: r.organisation?.organisationName ?? null,
    basePath: r.basePath,
    publicLink: r.kind === 'public',
    closesAt: r.campaign.closedAt ?? r.campaign.closesAt,
    organisationNames: await names(orgValues),
    listPath: r.listPath,
    offerAccount: r.kind === 'invitation' && !r.user,
  };
}

const fileUrl = (r: Respondent) => (f: FileAnswer) => `${r.basePath}/fichiers/${f.id}`;

export async function renderAnswerPage(
  reply: FastifyReply,
  r: Respondent,
  pageId: string,
  names: Names,
  extra: {
    errors?: Record<string, string>;
    conflicts?: Conflict[];
    organisationChoices?: Record<string, OrganisationOption[]>;
    status?: number;
  } = {},
) {
  const questionnaire = r.version.content;
  const answers = r.response?.answers ?? {};
  const { visible, pages } = pagesOf(questionnaire, answers);
  const page = questionnaire.pages.find((p) => p.id === pageId);
  if (!page) throw notFound("Cette page du questionnaire n'existe pas.");
  const position = pages.findIndex((p) => p.id === page.id);
  // The page's answers as displayed: only what the person changes is written.
  const base: Answers = {};
  for (const e of page.elements) {
    if (e.type === 'info') continue;
    if (answers[e.id] !== undefined) base[e.id] = answers[e.id];
    if (answers[`${e.id}.other`] !== undefined) base[`${e.id}.other`] = answers[`${e.id}.other`];
  }
  const title = `${page.title} — ${r.campaign.title}`;
  return reply.page(
    Object.keys(extra.errors ?? {}).length ? `Erreur : ${title}` : title,
    <AnswerPage
      ctx={await context(r, answers, names)}
      questionnaire={questionnaire}
      page={page}
      pageIndex={Math.max(0, position)}
      pageCount={pages.length}
      previousPageId={position > 0 ? pages[position - 1]!.id : null}
      isLast={position === pages.length - 1 || position < 0}
      answers={answers}
      visible={visible}
      progress={progress(questionnaire, answers)}
      errors={extra.errors ?? {}}
      conflicts={extra.conflicts ?? []}
      version={r.response?.version ?? 0}
      base={base}
      organisationChoices={extra.organisationChoices ?? {}}
      fileUrl={fileUrl(r)}
      savedAt={r.response?.updatedAt}
    />,
    { status: extra.status, scripts: [ANSWER_SCRIPT, PICKER_SCRIPT] },
  );
}

export async function renderSummary(
  reply: FastifyReply,
  r: Respondent,
  names: Names,
  extra: { errors?: Record<string, string>; status?: number; email?: string | null } = {},
) {
  const questionnaire = r.version.content;
  const answers = r.response?.answers ?? {};
  const { visible, pages } = pagesOf(questionnaire, answers);
  const submitted = r.response?.status === 'submitted';
  const mode = r.state === 'closed' && !submitted ? 'closed' : submitted ? 'submitted' : 'check';
  // Checking answers: what is missing is listed at the top, each linked to its page.
  const errors = extra.errors ?? (mode === 'check' && r.response ? validateAnswers(questionnaire, answers).errors : {});
  return reply.page(
    mode === 'check'
      ? `Vérifiez vos réponses — ${r.campaign.title}`
      : `Réponse ${submitted ? 'envoyée' : 'enregistrée'} — ${r.campaign.title}`,
    <Summary
      ctx={await context(r, answers, names)}
      questionnaire={questionnaire}
      pages={pages}
      answers={answers}
      visible={visible}
      errors={errors}
      version={r.response?.version ?? 0}
      mode={mode}
      submittedAt={r.response?.submittedAt}
      email={extra.email ?? r.response?.respondentEmail ?? r.user?.email ?? null}
      canReopen={submitted && r.state === 'open' && r.kind !== 'public'}
      state={r.state}
      fileUrl={fileUrl(r)}
    />,
    { status: extra.status },
  );
}

/** Several responses per authority: the list of its responses (each labelled by its project's name when given). */
export async function renderResponseList(reply: FastifyReply, r: Respondent, responses: Response[]) {
  const titleQuestion = allQuestions(r.version.content).find((q) => q.libraryField === 'title');
  const items = responses.map((x) => {
    const title = titleQuestion ? x.answers[titleQuestion.id] : undefined;
    return {
      id: x.id,
      number: x.number,
      status: x.status,
      progress: x.progress,
      updatedAt: x.updatedAt,
      submittedAt: x.submittedAt,
      label: typeof title === 'string' && title.trim() ? title.trim().slice(0, 120) : null,
    };
  });
  const authorityName = r.organisation?.organisationName ?? '';
  return reply.page(
    `Vos réponses — ${r.campaign.title}`,
    <ResponseListPage
      campaignTitle={r.campaign.title}
      authorityName={authorityName}
      closesAt={r.campaign.closedAt ?? r.campaign.closesAt}
      open={r.state === 'open'}
      basePath={r.basePath}
      responses={items}
      offerAccount={r.kind === 'invitation' && !r.user}
    />,
  );
}
