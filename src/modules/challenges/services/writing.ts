/**
 * Writing challenges: reading the challenge form (the one form reader, French field messages), stating and editing a
 * challenge (optimistic concurrency), moving its stage (dated, audited, announced by event and mail), posting news
 * (mailed to the participants), and opening one from a pooling suggestion. Every entry point authorises first and acts
 * in one transaction that also updates the search document.
 */
import { authorize, can } from '../../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import {
  choiceField,
  type FormBody,
  formFields,
  list,
  listField,
  text,
  textField,
} from '../../../platform/http/form.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { SearchIndex } from '../../../platform/search/index.ts';
import {
  CATEGORY_CODES,
  type ChallengeInput,
  type ChallengeRecord,
  challengePath,
  isCalendarDate,
  LIMITS,
  nextStages,
  STAGE_CODES,
  type Stage,
  stageLabel,
  THEME_CODES,
} from '../model.ts';
import type { ChallengesPorts } from '../ports.ts';
import type { ChallengesStore } from '../store.ts';
import type { MailService } from './mail.ts';

const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/ };

/** The challenge form's fields. */
export const ChallengeForm = formFields({
  titre: textField('Titre', { required: true, maxLength: LIMITS.title }),
  besoin: textField('Le besoin', { required: true, maxLength: LIMITS.text }),
  resultat: textField('Résultat attendu', { required: true, maxLength: LIMITS.text }),
  donnees: textField('Données disponibles ou nécessaires', { maxLength: LIMITS.text }),
  hebergement: textField('Contraintes d’hébergement', { maxLength: LIMITS.text }),
  donnees_personnelles: textField('Données personnelles', { maxLength: LIMITS.text }),
  date_limite: textField('Date limite pour rejoindre', {
    ...DATE,
    patternMessage: 'Date limite pour rejoindre : au format AAAA-MM-JJ.',
  }),
  cadrage_prevu: textField('Début du cadrage prévu', {
    ...DATE,
    patternMessage: 'Début du cadrage prévu : au format AAAA-MM-JJ.',
  }),
  realisation_prevue: textField('Début de la réalisation prévu', {
    ...DATE,
    patternMessage: 'Début de la réalisation prévu : au format AAAA-MM-JJ.',
  }),
  publication_prevue: textField('Publication du commun prévue', {
    ...DATE,
    patternMessage: 'Publication du commun prévue : au format AAAA-MM-JJ.',
  }),
  themes: listField('Thèmes', { allowed: THEME_CODES }),
  categorie: choiceField('Catégorie de commun', CATEGORY_CODES),
  porte_par: textField('Défi porté par'),
});

export const StageForm = formFields({
  etape: choiceField('Nouvelle étape', STAGE_CODES, { required: true }),
  motif: textField('Pourquoi le défi est abandonné', { maxLength: LIMITS.reason }),
  commun: textField('Commun publié'),
});

export const NewsForm = formFields({
  titre: textField('Titre de l’actualité', { required: true, maxLength: LIMITS.newsTitle }),
  texte: textField('Texte', { required: true, maxLength: LIMITS.newsBody }),
});

/** How many authorities a coordinator may invite from the challenge form (one authority picker each). */
export const INVITE_SLOTS = 3;
/** The names of invitation slot `i` (1-based): the picker's text field and its hidden id. */
export const inviteFields = (i: number) => ({ query: `invite_${i}_nom`, id: `invite_${i}` });

/** The form's values as typed (to show the form again with its errors). */
export type ChallengeFormValues = Record<string, string | string[]>;

export function formValuesOf(body: FormBody): ChallengeFormValues {
  const values: ChallengeFormValues = {};
  for (const [k, v] of Object.entries(body))
    if (!k.startsWith('_')) values[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  values.themes = list(body, 'themes');
  return values;
}

/** The user recorded as author (null for the seed and the command line, whose actor has id 0). */
export const who = (actor: CurrentUser): number | null => (actor.id > 0 ? actor.id : null);

/** Today in Paris, « AAAA-MM-JJ » (deadlines are days as people read them). */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/** The commons entry id from what people type: « 12 » or its address « /communs/12 ». */
export function readCommonsRef(value: string): number | null {
  const m = /^(?:.*\/communs\/)?(\d{1,12})\/?$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** Reads the challenge form into an input, or throws a ValidationError with one French message per field. */
function readChallengeForm(
  actor: CurrentUser,
  body: FormBody,
  current: ChallengeRecord | null,
  today: string,
): ChallengeInput {
  const { values, errors } = ChallengeForm.read(body);
  const dates: [keyof typeof values, string][] = [
    ['date_limite', 'Date limite pour rejoindre'],
    ['cadrage_prevu', 'Début du cadrage prévu'],
    ['realisation_prevue', 'Début de la réalisation prévu'],
    ['publication_prevue', 'Publication du commun prévue'],
  ];
  for (const [field, label] of dates) {
    const v = values[field] as string;
    if (v && !errors[field] && !isCalendarDate(v)) errors[field] = `${label} : le ${v} n’existe pas.`;
  }
  const deadline = values.date_limite || null;
  if (deadline && !errors.date_limite && deadline !== current?.joinDeadline && deadline < today)
    errors.date_limite = 'Date limite pour rejoindre : choisissez aujourd’hui ou un jour à venir.';
  const order: [string, string, string][] = [
    ['cadrage_prevu', 'realisation_prevue', 'Début de la réalisation prévu : après le début du cadrage.'],
    ['realisation_prevue', 'publication_prevue', 'Publication du commun prévue : après le début de la réalisation.'],
  ];
  for (const [a, b, message] of order) {
    const va = values[a as 'cadrage_prevu'];
    const vb = values[b as 'realisation_prevue'];
    if (va && vb && !errors[a] && !errors[b] && vb < va) errors[b] = message;
  }
  // Who states it: one of the actor's authorities (as its editor), or the network's coordination (empty).
  let statedBy: number | null = current ? current.statedByOrganisationId : null;
  if (!current) {
    const raw = values.porte_par.trim();
    statedBy = raw ? Number(raw) : null;
    if (raw && !(Number.isInteger(statedBy) && (statedBy as number) > 0)) {
      errors.porte_par = 'Défi porté par : choix inconnu.';
      statedBy = null;
    } else if (!can(actor, 'challenge.create', { organisationId: statedBy }))
      errors.porte_par =
        statedBy === null
          ? 'Défi porté par : choisissez l’une de vos collectivités (seule la coordination du réseau ouvre un défi en son nom).'
          : 'Défi porté par : vous ne pouvez ouvrir un défi qu’au nom d’une collectivité dont vous êtes responsable.';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    title: values.titre,
    need: values.besoin,
    expectedResult: values.resultat,
    data: values.donnees,
    hostingConstraints: values.hebergement,
    personalDataConstraints: values.donnees_personnelles,
    joinDeadline: deadline,
    themes: values.themes,
    commonsCategory: values.categorie,
    statedByOrganisationId: statedBy,
    plannedScopingOn: values.cadrage_prevu || null,
    plannedBuildingOn: values.realisation_prevue || null,
    plannedPublicationOn: values.publication_prevue || null,
  };
}

/** The authorities invited through the form's pickers (coordinators only), or one French message per slot. */
async function readInvitees(ports: ChallengesPorts, actor: CurrentUser, body: FormBody) {
  const errors: Record<string, string> = {};
  const ids: number[] = [];
  for (let i = 1; i <= INVITE_SLOTS; i++) {
    const names = inviteFields(i);
    const raw = text(body, names.id).trim();
    const typed = text(body, names.query).trim();
    if (!raw && !typed) continue;
    const found = /^[1-9]\d{0,11}$/.test(raw)
      ? ((await ports.organisations.findByIds([Number(raw)]))[0] ?? null)
      : raw
        ? null
        : await ports.organisations.findByCode(typed);
    if (!found)
      errors[names.query] = raw
        ? `Collectivité invitée ${i} : choix inconnu.`
        : `Collectivité invitée ${i} : « ${typed.slice(0, 80)} » — choisissez-la parmi les suggestions, ou indiquez son code (par exemple commune:44109).`;
    else if (!ids.includes(found.id)) ids.push(found.id);
  }
  if ((ids.length || Object.keys(errors).length) && !isCoordinator(actor))
    return {
      ids: [],
      errors: {
        [inviteFields(1).query]:
          'Collectivités invitées : seule la coordination du réseau invite des collectivités à un défi.',
      },
    };
  return { ids, errors };
}

export function createWritingService(deps: {
  platform: Platform;
  store: ChallengesStore;
  ports: ChallengesPorts;
  search: SearchIndex;
  mail: MailService;
  touched: () => void;
}) {
  const { platform, store, ports, search, mail } = deps;
  const today = () => parisDay(platform.clock.now());

  const readChallenge = (actor: CurrentUser, body: FormBody, current: ChallengeRecord | null) =>
    readChallengeForm(actor, body, current, today());

  async function indexChallenge(trx: Db, id: number, input: ChallengeInput) {
    await search.withDb(trx).upsert({
      kind: 'challenge',
      id,
      title: input.title,
      body: [input.need, input.expectedResult, input.data].join('\n'),
    });
  }

  async function get(id: number, on?: Db): Promise<ChallengeRecord> {
    const found = await store.find(id, on);
    if (!found) throw notFound('Ce défi est introuvable.');
    return found;
  }

  const leadIds = (c: ChallengeRecord) => c.participants.filter((p) => p.role === 'lead').map((p) => p.organisationId);
  const writeResource = (c: ChallengeRecord) => ({ statedById: c.statedByOrganisationId, leadIds: leadIds(c) });

  /** Creates a challenge at « appel à intérêt »; the stating authority takes part as a lead. */
  async function create(
    actor: CurrentUser,
    input: ChallengeInput,
    extra: { useCaseIds?: readonly number[]; invitedIds?: readonly number[]; via?: string } = {},
  ): Promise<number> {
    if (extra.via === 'pooling_suggestion') authorize(actor, 'challenge.create_from_suggestion');
    else authorize(actor, 'challenge.create', { organisationId: input.statedByOrganisationId });
    const invitedIds = extra.invitedIds ?? [];
    const invitees = await mail.invitationAddresses(invitedIds);
    const id = await platform.db.transaction().execute(async (trx) => {
      const now = platform.clock.iso();
      const id = await store.insert(trx, input, { useCaseIds: extra.useCaseIds ?? [], invitedIds }, who(actor), now);
      if (input.statedByOrganisationId !== null)
        await store.addParticipant(
          trx,
          id,
          { organisationId: input.statedByOrganisationId, role: 'lead', brings: '' },
          who(actor),
          now,
        );
      await indexChallenge(trx, id, input);
      await platform.audit.record(
        {
          actorUserId: who(actor),
          action: 'challenge.created',
          subjectType: 'challenge',
          subjectId: id,
          details: {
            via: extra.via ?? 'form',
            statedBy: input.statedByOrganisationId,
            useCaseIds: [...(extra.useCaseIds ?? [])],
            invited: [...invitedIds],
          },
        },
        trx,
      );
      if (invitees.length)
        await mail.invitation(
          trx,
          invitees,
          { id, title: input.title, need: input.need },
          extra.via === 'pooling_suggestion' ? 'suggestion' : 'form',
        );
      return id;
    });
    deps.touched();
    return id;
  }

  return {
    readChallenge,
    get,
    leadIds,
    create,
    /** A challenge stated through the form; coordinators may invite authorities (mailed through the job queue). */
    async createFromForm(actor: CurrentUser, body: FormBody): Promise<number> {
      let input: ChallengeInput | null = null;
      const errors: Record<string, string> = {};
      try {
        input = readChallenge(actor, body, null);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        Object.assign(errors, e.fields);
      }
      const invited = await readInvitees(ports, actor, body);
      Object.assign(errors, invited.errors);
      if (!input || Object.keys(errors).length) throw new ValidationError(errors);
      const statedBy = input.statedByOrganisationId;
      return create(actor, input, { invitedIds: invited.ids.filter((i) => i !== statedBy) });
    },
    /** Opens a challenge from a pooling suggestion (coordinators): prefilled, sheets recorded, authorities invited. */
    async createFromSuggestion(
      actor: CurrentUser,
      input: { title: string; context: string; useCaseIds: number[]; authorityIds: number[] },
    ): Promise<{ id: number; path: string }> {
      authorize(actor, 'challenge.create_from_suggestion');
      const errors: Record<string, string> = {};
      const title = input.title.trim().replace(/\s+/g, ' ').slice(0, LIMITS.title);
      const context = input.context.trim().slice(0, LIMITS.text);
      if (!title) errors.title = 'Indiquez le titre du défi.';
      if (!context) errors.context = 'Indiquez le contexte du défi.';
      const authorities = await ports.organisations.findByIds([...new Set(input.authorityIds)]);
      const unknown = input.authorityIds.filter((id) => !authorities.some((a) => a.id === id));
      if (unknown.length) errors.authorityIds = `Collectivités inconnues : ${unknown.slice(0, 5).join(', ')}.`;
      const sheets = await ports.useCases.publishedByIds([...new Set(input.useCaseIds)]);
      const missing = input.useCaseIds.filter((id) => !sheets.some((s) => s.id === id));
      if (missing.length)
        errors.useCaseIds = `Aucune fiche publiée ne porte le numéro ${missing.slice(0, 5).join(', ')}.`;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const id = await create(
        actor,
        {
          title,
          need: context,
          expectedResult:
            'À préciser pendant le cadrage : un commun (code, données, modèle ou méthode) que les collectivités participantes pourront réutiliser.',
          data: '',
          hostingConstraints: '',
          personalDataConstraints: '',
          joinDeadline: null,
          themes: [],
          commonsCategory: null,
          statedByOrganisationId: null,
          plannedScopingOn: null,
          plannedBuildingOn: null,
          plannedPublicationOn: null,
        },
        { useCaseIds: sheets.map((s) => s.id), invitedIds: authorities.map((a) => a.id), via: 'pooling_suggestion' },
      );
      return { id, path: challengePath(id) };
    },
    /** Checks that `actor` may edit the challenge (404 when it does not exist). */
    async editable(actor: CurrentUser | null, id: number): Promise<ChallengeRecord> {
      const c = await get(id);
      authorize(actor, 'challenge.write', writeResource(c));
      return c;
    },
    async updateFromForm(actor: CurrentUser, id: number, body: FormBody): Promise<void> {
      const current = await this.editable(actor, id);
      const version = Number(text(body, 'version')) || 0;
      const input = readChallenge(actor, body, current);
      await platform.db.transaction().execute(async (trx) => {
        const c = await get(id, trx);
        authorize(actor, 'challenge.write', writeResource(c));
        if (!(await store.update(trx, id, version, input, who(actor), platform.clock.iso())))
          throw new ConflictError(
            'Ce défi a été modifié par quelqu’un d’autre pendant que vous l’éditiez : rechargez la page pour voir sa version actuelle.',
            c,
          );
        await indexChallenge(trx, id, input);
        await platform.audit.record(
          { actorUserId: who(actor), action: 'challenge.updated', subjectType: 'challenge', subjectId: id },
          trx,
        );
      });
      deps.touched();
    },
    /** Moves the challenge to its next stage: dated, audited, announced (event + mail to the participants). */
    async changeStage(actor: CurrentUser, id: number, body: FormBody): Promise<Stage> {
      const c = await this.editable(actor, id);
      const { values, errors } = StageForm.read(body);
      const to = values.etape;
      let commonsId: number | null = null;
      let commonsName = '';
      if (to && !nextStages(c.stage).includes(to))
        errors.etape = `Un défi au stade « ${stageLabel(c.stage)} » ne peut pas passer au stade « ${stageLabel(to)} ».`;
      else if (to === 'abandoned' && !values.motif)
        errors.motif = 'Dites pourquoi le défi est abandonné : les participants et les visiteurs le liront.';
      else if (to === 'published') {
        const ref = readCommonsRef(values.commun);
        const found = ref ? await ports.commons.find(ref) : null;
        if (!values.commun)
          errors.commun =
            'Indiquez le commun publié (son numéro ou son adresse /communs/…) : décrivez-le d’abord dans les communs.';
        else if (!found)
          errors.commun = `Commun publié : « ${values.commun.slice(0, 80)} » ne correspond à aucun commun.`;
        else {
          commonsId = found.id;
          commonsName = found.name;
        }
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const stage = to as Stage;
      const note = stage === 'abandoned' ? values.motif : null;
      const recipients = await mail.participantAddresses(c);
      await platform.db.transaction().execute(async (trx) => {
        const now = platform.clock.iso();
        if (!(await store.moveStage(trx, id, c.stage, { stage, note, commonsId }, who(actor), now)))
          throw new ConflictError(
            'L’étape de ce défi vient d’être changée par quelqu’un d’autre : rechargez la page.',
            c,
          );
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'challenge.stage_changed',
            subjectType: 'challenge',
            subjectId: id,
            details: { from: c.stage, to: stage, commonsId },
          },
          trx,
        );
        await platform.events.emit('challenges.stage_changed', { challengeId: id, stage, commonsId }, trx);
        const lines = [`Le défi « ${c.title} » passe à l’étape « ${stageLabel(stage)} ».`];
        if (note) lines.push('', `Pourquoi : ${note}`);
        if (commonsId) lines.push('', `Le commun publié : « ${commonsName} » — ${mail.baseUrl}/communs/${commonsId}`);
        await mail.toParticipants(trx, recipients, c, `étape « ${stageLabel(stage)} »`, lines);
      });
      deps.touched();
      return stage;
    },
    /** Posts news (the leads' editors and the coordinators); every participant's editors get it by mail. */
    async addNews(actor: CurrentUser, id: number, body: FormBody): Promise<number> {
      const c = await get(id);
      authorize(actor, 'challenge.post_news', { leadIds: leadIds(c) });
      const values = NewsForm.parse(body);
      const recipients = await mail.participantAddresses(c);
      const newsId = await platform.db.transaction().execute(async (trx) => {
        const newsId = await store.addNews(
          trx,
          { challengeId: id, title: values.titre, body: values.texte },
          who(actor),
          platform.clock.iso(),
        );
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'challenge_news.posted',
            subjectType: 'challenge',
            subjectId: id,
            details: { newsId, recipients: recipients.length },
          },
          trx,
        );
        await mail.toParticipants(trx, recipients, c, values.titre, [values.titre, '', values.texte]);
        return newsId;
      });
      deps.touched();
      return newsId;
    },
  };
}
export type WritingService = ReturnType<typeof createWritingService>;
