/**
 * Consultations: opening one on a sheet, changing it before it opens, the public list and page, the results (public
 * ones under the small-number rule), and the synthesis published after closing. Answering is answers.ts.
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { isCoordinator } from '../../../platform/auth/user.ts';
import { parisLocalToUtc, utcToParis } from '../../../platform/calendar/paris-time.ts';
import { ConflictError, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { list, text } from '../../../platform/http/form.ts';
import type { WorkGroup } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Form } from '../../forms/index.ts';
import {
  type Consultation,
  type ConsultationMode,
  type ConsultationResults,
  type ConsultationState,
  consultationResults,
  formFromSurveyJs,
  formFromTemplates,
  LIMITS,
  MODES,
  stateAt,
  TEMPLATE_CODES,
  templatesOf,
} from '../model.ts';
import type { ConsultationsPorts, SheetRef, TextSegment } from '../ports.ts';
import type { ConsultationInput, ConsultationsStore } from '../store.ts';

/** What the editor's form sends (French names, as posted). */
export interface ConsultationFormValues {
  titre: string;
  introduction: string;
  fiche: string;
  ouverture: string;
  cloture: string;
  mode: string;
  questions: string[];
  surveyjs: string;
  version?: string;
}

/** A consultation as pages and the API show it. */
export interface ConsultationView {
  consultation: Consultation;
  state: ConsultationState;
  sheet: SheetRef | null;
  /** The sheet's plain-language explanation with the glossary's words marked (null without one). */
  explanation: TextSegment[] | null;
  organisationName: string;
  answers: number;
  canManage: boolean;
}

export function formValuesOf(c: Consultation): ConsultationFormValues {
  return {
    titre: c.title,
    introduction: c.introduction,
    fiche: String(c.useCaseId),
    ouverture: utcToParis(c.opensAt).date,
    cloture: utcToParis(c.closesAt).date,
    mode: c.mode,
    questions: templatesOf(c.form),
    surveyjs: '',
    version: String(c.version),
  };
}

/** Reads the editor's posted form. */
export function readConsultationForm(body: unknown): ConsultationFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    titre: text(b, 'titre').trim(),
    introduction: text(b, 'introduction').trim(),
    fiche: text(b, 'fiche').trim(),
    ouverture: text(b, 'ouverture').trim(),
    cloture: text(b, 'cloture').trim(),
    mode: text(b, 'mode').trim(),
    questions: list(b, 'questions'),
    surveyjs: text(b, 'surveyjs').trim(),
    version: text(b, 'version').trim(),
  };
}

export function createConsultationsService(deps: {
  platform: Platform;
  store: ConsultationsStore;
  ports: ConsultationsPorts;
}) {
  const { platform, store, ports } = deps;
  const { clock, audit } = platform;
  const now = () => clock.iso();
  const mayOpen = (actor: Actor): boolean =>
    isCoordinator(actor) || (actor?.memberships.some((m) => m.role === 'editor') ?? false);

  async function findOr404(id: number): Promise<Consultation> {
    const c = await store.find(id);
    if (!c) throw notFound('Cette consultation n’existe pas (ou plus).');
    return c;
  }

  async function view(actor: Actor, c: Consultation, counts?: Map<number, number>, names?: Map<number, string>) {
    const [sheet, answers, orgNames] = await Promise.all([
      ports.sheets.find(c.useCaseId),
      counts ? Promise.resolve(counts.get(c.id) ?? 0) : store.countAnswers([c.id]).then((m) => m.get(c.id) ?? 0),
      names ? Promise.resolve(names) : ports.organisations.names([c.organisationId]),
    ]);
    return {
      consultation: c,
      state: stateAt(c, now()),
      sheet,
      explanation: sheet?.plainSummary
        ? (ports.glossary?.link(sheet.plainSummary) ?? [{ text: sheet.plainSummary }])
        : null,
      organisationName: orgNames.get(c.organisationId) ?? '',
      answers,
      canManage: can(actor, 'consultation.manage', { organisationId: c.organisationId }),
    } satisfies ConsultationView;
  }

  /** The checked input of the editor's form, or a ValidationError with French messages per field. */
  async function checkInput(
    actor: CurrentUser,
    values: ConsultationFormValues,
    fixedSheet?: number,
  ): Promise<ConsultationInput> {
    const errors: Record<string, string> = {};
    if (!values.titre) errors.titre = 'Saisissez le titre de la consultation.';
    else if (values.titre.length > LIMITS.titleMax)
      errors.titre = `Le titre compte ${values.titre.length} caractères : ${LIMITS.titleMax} au plus.`;
    if (values.introduction.length > LIMITS.introductionMax)
      errors.introduction = `L’introduction compte ${values.introduction.length} caractères : ${LIMITS.introductionMax} au plus.`;

    const sheetId = fixedSheet ?? (/^\d{1,15}$/.test(values.fiche) ? Number(values.fiche) : null);
    const sheet = sheetId ? await ports.sheets.find(sheetId) : null;
    if (!sheet?.published) errors.fiche = 'Choisissez une fiche publiée de votre collectivité.';
    else if (!can(actor, 'consultation.manage', { organisationId: sheet.organisationId }))
      errors.fiche = 'Vous ne pouvez ouvrir une consultation que sur une fiche de votre collectivité.';

    const opens = parisLocalToUtc(values.ouverture, '00:00');
    const closes = parisLocalToUtc(values.cloture, '23:59');
    if (!opens.ok) errors.ouverture = 'Saisissez la date d’ouverture, par exemple 2026-04-01.';
    if (!closes.ok) errors.cloture = 'Saisissez la date de clôture, par exemple 2026-04-30.';
    else if (opens.ok && closes.utc <= opens.utc) errors.cloture = 'La clôture doit suivre l’ouverture.';
    else if (Date.parse(closes.utc) <= clock.millis()) errors.cloture = 'La date de clôture est déjà passée.';

    if (!MODES.includes(values.mode as ConsultationMode))
      errors.mode = 'Choisissez qui peut répondre : sans compte ou avec un compte.';

    let form: Form | null = null;
    const unknown = values.questions.find((q) => !TEMPLATE_CODES.includes(q));
    if (values.surveyjs) {
      const imported = formFromSurveyJs(values.titre || 'Consultation', values.surveyjs);
      if ('error' in imported) errors.surveyjs = imported.error;
      else form = imported.form;
    } else if (unknown) errors.questions = `Question inconnue « ${unknown} ».`;
    else if (!values.questions.length)
      errors.questions = 'Choisissez au moins une question, ou collez un questionnaire SurveyJS.';
    else form = formFromTemplates(values.titre || 'Consultation', values.questions);

    if (Object.keys(errors).length || !sheet || !form || !opens.ok || !closes.ok) throw new ValidationError(errors);
    return {
      organisationId: sheet.organisationId,
      useCaseId: sheet.id,
      title: values.titre,
      introduction: values.introduction,
      form,
      opensAt: opens.utc,
      closesAt: closes.utc,
      mode: values.mode as ConsultationMode,
    };
  }

  return {
    /** Every consultation, with its state: open first, then those to come, then the past ones. */
    async list(actor: Actor): Promise<ConsultationView[]> {
      const all = await store.list();
      const [counts, names] = await Promise.all([
        store.countAnswers(all.map((c) => c.id)),
        ports.organisations.names([...new Set(all.map((c) => c.organisationId))]),
      ]);
      return Promise.all(all.map((c) => view(actor, c, counts, names)));
    },

    async get(actor: Actor, id: number): Promise<ConsultationView> {
      return view(actor, await findOr404(id));
    },

    /** Public results (small-number rule, texts only where allowed) or, with `full`, the editors' full results. */
    async results(actor: Actor, id: number, full = false): Promise<ConsultationResults & { view: ConsultationView }> {
      const c = await findOr404(id);
      if (full) authorize(actor, 'consultation.manage', { organisationId: c.organisationId });
      const answers = await store.answersOf(id);
      const results = consultationResults(
        c.form,
        answers.map((a) => a.answers),
        { protect: !full, minCell: c.minCell },
      );
      return { ...results, view: await view(actor, c) };
    },

    /** The published sheets the actor may open a consultation on (the authorities they are « responsable » of). */
    async sheetsFor(actor: CurrentUser): Promise<{ id: number; title: string; organisation: string }[]> {
      const ids = actor.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      const names = await ports.organisations.names(ids);
      const out: { id: number; title: string; organisation: string }[] = [];
      for (const orgId of ids)
        for (const s of await ports.sheets.publishedOf(orgId)) out.push({ ...s, organisation: names.get(orgId) ?? '' });
      return out;
    },

    /** Whether the actor may open a consultation at all (a « responsable » of some authority, or a coordinator). */
    mayOpen,

    async create(actor: CurrentUser, values: ConsultationFormValues): Promise<number> {
      if (!mayOpen(actor)) authorize(actor, 'consultation.manage', { organisationId: 0 });
      const input = await checkInput(actor, values);
      return platform.db.transaction().execute(async (trx) => {
        const id = await store.create(input, actor.id, trx);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'consultation.created',
            subjectType: 'consultation',
            subjectId: id,
            details: { useCaseId: input.useCaseId, opensAt: input.opensAt, closesAt: input.closesAt, mode: input.mode },
          },
          trx,
        );
        return id;
      });
    },

    /** Changes a consultation: before it opens only (once people answer, the questions and rules stay). */
    async update(actor: CurrentUser, id: number, values: ConsultationFormValues): Promise<void> {
      const c = await findOr404(id);
      authorize(actor, 'consultation.manage', { organisationId: c.organisationId });
      if (stateAt(c, now()) !== 'scheduled' || ((await store.countAnswers([id])).get(id) ?? 0) > 0)
        throw new HttpError(409, 'conflict', 'Une consultation ouverte ou close ne peut plus être modifiée.');
      const input = await checkInput(actor, values, c.useCaseId);
      await platform.db.transaction().execute(async (trx) => {
        const ok = await store.update(id, Number(values.version), input, actor.id, trx);
        if (!ok)
          throw new ConflictError(
            'Quelqu’un a modifié cette consultation pendant que vous la modifiiez : rechargez la page.',
            formValuesOf((await store.find(id, trx))!),
          );
        await audit.record(
          { actorUserId: actor.id, action: 'consultation.updated', subjectType: 'consultation', subjectId: id },
          trx,
        );
      });
    },

    /** Publishes (or corrects) the synthesis and « ce que la consultation a changé », once the consultation is closed. */
    async publishSynthesis(
      actor: CurrentUser,
      id: number,
      input: { synthese: string; changements: string; version: string },
    ): Promise<void> {
      const c = await findOr404(id);
      authorize(actor, 'consultation.manage', { organisationId: c.organisationId });
      if (stateAt(c, now()) !== 'closed')
        throw new HttpError(409, 'conflict', 'La synthèse se publie une fois la consultation close.');
      const synthesis = input.synthese.trim();
      const changes = input.changements.trim();
      const errors: Record<string, string> = {};
      if (!synthesis) errors.synthese = 'Écrivez la synthèse de la consultation.';
      else if (synthesis.length > LIMITS.synthesisMax)
        errors.synthese = `La synthèse compte ${synthesis.length} caractères : ${LIMITS.synthesisMax} au plus.`;
      if (!changes)
        errors.changements = 'Dites ce que la consultation a changé (même « rien », en expliquant pourquoi).';
      else if (changes.length > LIMITS.changesMax)
        errors.changements = `Ce texte compte ${changes.length} caractères : ${LIMITS.changesMax} au plus.`;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await platform.db.transaction().execute(async (trx) => {
        const first = c.synthesisPublishedAt === null;
        const ok = await store.update(
          id,
          Number(input.version),
          { synthesis, changes, synthesisPublishedAt: c.synthesisPublishedAt ?? now() },
          actor.id,
          trx,
        );
        if (!ok)
          throw new ConflictError(
            'Quelqu’un a modifié cette synthèse pendant que vous l’écriviez : rechargez la page.',
            {
              synthese: c.synthesis,
              changements: c.changes,
            },
          );
        await audit.record(
          {
            actorUserId: actor.id,
            action: first ? 'consultation.synthesis_published' : 'consultation.synthesis_updated',
            subjectType: 'consultation',
            subjectId: id,
          },
          trx,
        );
      });
    },

    /** « Mon espace »: consultations open now, and closed ones whose synthesis waits, of the person's authorities. */
    async work(user: CurrentUser): Promise<WorkGroup[]> {
      const ids = user.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      if (!ids.length) return [];
      const mine = await store.list({ organisationIds: ids });
      const at = now();
      const open = mine.filter((c) => stateAt(c, at) === 'open');
      const waiting = mine.filter((c) => stateAt(c, at) === 'closed' && !c.synthesisPublishedAt);
      const groups: WorkGroup[] = [];
      if (waiting.length)
        groups.push({
          key: 'consultations-synthesis',
          label: 'Synthèses de consultation à publier',
          count: waiting.length,
          href: '/consultations',
          urgency: 1,
          items: waiting.slice(0, 5).map((c) => ({
            title: c.title,
            href: `/consultations/${c.id}/synthese`,
            detail: 'Consultation close : publiez sa synthèse et ce qu’elle a changé.',
          })),
        });
      if (open.length)
        groups.push({
          key: 'consultations-open',
          label: 'Consultations ouvertes',
          count: open.length,
          href: '/consultations',
          urgency: 2,
          items: open.slice(0, 5).map((c) => ({
            title: c.title,
            href: `/consultations/${c.id}/gestion`,
            due: c.closesAt,
            detail: 'Ouverte aux habitants',
          })),
        });
      return groups;
    },
  };
}

export type ConsultationsService = ReturnType<typeof createConsultationsService>;
