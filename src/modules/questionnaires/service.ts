/**
 * Use cases of the questionnaires module: building and publishing questionnaires, campaigns and invitations,
 * answering (autosave with optimistic concurrency, page validation, submission, reopening), results, exports and
 * library drafts. Validates, authorises through policy.ts, runs transactions, calls the store.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { now } from '../../platform/db/index.ts';
import { ConflictError, forbidden, gone, HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import type { UseCaseContent } from '../library/fields.ts';
import type { Organisation, OrganisationFilter } from '../organisations/model.ts';
import { organisationTypeLabel } from '../organisations/model.ts';
import {
  type Conflict,
  formValue,
  MESSAGES,
  mergeConcurrent,
  mimeAccepted,
  pageKeys,
  progress,
  pruneHidden,
  sameAnswer,
  validateAnswers,
  validatePage,
} from './answers.ts';
import { BuilderError } from './builder.ts';
import {
  type CampaignState,
  campaignState,
  hasTargets,
  invitationToken,
  parseSirenList,
  reminderDates,
  type TargetSpec,
} from './campaigns.ts';
import { CATALOGUE } from './catalogue/index.ts';
import { visibleElementIds } from './conditions.ts';
import { libraryContent, mapsToLibrary } from './library-mapping.ts';
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  type FileAnswer,
  type Issue,
  otherKey,
  type Question,
  type Questionnaire,
  validateQuestionnaire,
} from './model.ts';
import {
  canAnswerFor,
  canCreateLibraryDraft,
  canManageCampaigns,
  canManageQuestionnaires,
  canReadResults,
  seesRestricted,
} from './policy.ts';
import { cellText, computeResults, unionQuestions } from './results.ts';
import {
  type AuthoritySnapshot,
  type CampaignRow,
  createQuestionnairesStore,
  type InvitationRow,
  type ResponseFilter,
  type ResponseRow,
  type VersionRow,
} from './store.ts';
import { fromSurveyJs, type ReportEntry, toSurveyJs } from './surveyjs.ts';

// ---------------------------------------------------------------------------------------------------------------
// Dependencies given at wiring time
// ---------------------------------------------------------------------------------------------------------------

/** What this module needs from the organisations module. */
export interface OrganisationDirectory {
  findByIds(ids: number[]): Promise<Organisation[]>;
  findBySiren(siren: string): Promise<Organisation[]>;
  list(
    filter: OrganisationFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: Organisation[] }>;
  /** Addresses to which an authority's invitations are mailed (its active members), by organisation id. */
  contactEmails(ids: number[]): Promise<Map<number, string[]>>;
  /** Names of départements and régions by code. */
  divisions(): Promise<{ departements: Map<string, string>; regions: Map<string, string> }>;
}

/** What this module needs from the library module: creating a draft sheet that follows the review workflow. */
export interface LibraryDrafts {
  createDraft(input: {
    organisationId: number;
    content: Partial<UseCaseContent>;
    actorUserId: number | null;
    /** Where the draft comes from, for the sheet's history (« Recensement 2025, réponse n° 12 »). */
    source: string;
  }): Promise<{ id: number; url: string }>;
}

export const JOBS = {
  mail: 'questionnaires.mail',
  announce: 'questionnaires.announce',
  reminder: 'questionnaires.reminder',
  libraryDraft: 'questionnaires.library-draft',
} as const;

/** An invitation link stays valid this long after the campaign closes (to read one's answers). */
const INVITATION_GRACE_DAYS = 30;
const MAX_ANSWERS_BYTES = 1_000_000;
const MAX_TEXT_ANSWER = 20_000;

/** The command line acts as an administrator that is nobody in particular: recorded as « no user » in the audit log. */
export const CLI_ACTOR: CurrentUser = { id: 0, email: '', name: 'Ligne de commande', role: 'admin', memberships: [] };
const who = (actor: CurrentUser | null | undefined): number | null => (actor && actor.id > 0 ? actor.id : null);

// ---------------------------------------------------------------------------------------------------------------
// Respondents
// ---------------------------------------------------------------------------------------------------------------

export type RespondentKind = 'invitation' | 'member' | 'public';

/** Someone answering: how they came in, for which authority, and the response they share (if started). */
export interface Respondent {
  kind: RespondentKind;
  campaign: CampaignRow;
  state: CampaignState;
  /** The version being answered: the response's own, or the campaign's for a response not started yet. */
  version: VersionRow;
  authority: AuthoritySnapshot | null;
  invitation: InvitationRow | null;
  response: ResponseRow | null;
  /** URL prefix of the answering pages for this respondent. */
  basePath: string;
  user: CurrentUser | null;
  /** Public link: hash of the respondent's own cookie token (their anonymous response). */
  anonymousHash: string | null;
}

export interface SaveOutcome {
  response: ResponseRow;
  conflicts: Conflict[];
  /** Page validation errors (question id or `id.other` → message). */
  errors: Record<string, string>;
  /** Authority choices to show when a typed authority name matched several (question id → candidates). */
  organisationChoices: Record<string, Organisation[]>;
}

export interface UploadedFile {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

export function createQuestionnairesService(
  platform: Platform,
  deps: { organisations: OrganisationDirectory; library?: LibraryDrafts },
) {
  const store = createQuestionnairesStore(platform.db, platform.dialect);
  const { db, audit, jobs } = platform;
  const baseUrl = platform.config.baseUrl.replace(/\/$/, '');
  const secret = platform.config.sessionSecret;

  // -- helpers ------------------------------------------------------------------------------------------------------

  function requireCoordinator(actor: CurrentUser | null, what = 'gérer les questionnaires'): CurrentUser {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Vous devez vous connecter pour accéder à cette page.');
    if (!canManageQuestionnaires(actor) || !canManageCampaigns(actor))
      throw forbidden(`Seuls les coordinateurs du réseau peuvent ${what}.`);
    return actor;
  }

  async function questionnaireOrThrow(id: number) {
    const q = Number.isSafeInteger(id) && id > 0 ? await store.findQuestionnaire(id) : null;
    if (!q || q.archivedAt) throw notFound("Ce questionnaire n'existe pas (ou plus).");
    return q;
  }

  async function campaignOrThrow(id: number) {
    const c = Number.isSafeInteger(id) && id > 0 ? await store.findCampaign(id) : null;
    if (!c) throw notFound("Cette campagne n'existe pas (ou plus).");
    return c;
  }

  /** Computed results by campaign and filter, with the state of the responses they were computed from. */
  const resultsCache = new Map<
    string,
    { stamp: string; results: ReturnType<typeof computeResults>; versions: number[] }
  >();

  /** Published versions never change: they are kept in memory once read (autosave reads one on every request). */
  const versionCache = new Map<number, VersionRow>();
  async function versionOrThrow(id: number) {
    const cached = versionCache.get(id);
    if (cached) return cached;
    const v = await store.findVersion(id);
    if (!v) throw notFound("Cette version du questionnaire n'existe pas.");
    if (versionCache.size > 500) versionCache.clear();
    versionCache.set(id, v);
    return v;
  }

  function issuesToFields(issues: Issue[]): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const i of issues) fields[i.path || 'questionnaire'] ??= i.message;
    return fields;
  }

  function mail(to: string | string[], subject: string, text: string, trx: Kysely<any> = db) {
    const list = (Array.isArray(to) ? to : [to]).filter(Boolean);
    if (!list.length) return Promise.resolve();
    return jobs.enqueue(JOBS.mail, { to: list, subject, text }, {}, trx);
  }

  const invitationKey = (inv: { campaignId: number; organisationId: number }) =>
    `${inv.campaignId}:${inv.organisationId}`;
  const invitationLink = (inv: { campaignId: number; organisationId: number; nonce: string }) =>
    `${baseUrl}/recensements/lien/${invitationToken(secret, invitationKey(inv), inv.nonce)}`;
  const publicToken = (c: CampaignRow) =>
    c.publicTokenNonce ? invitationToken(secret, `public:${c.id}`, c.publicTokenNonce) : null;

  // -- questionnaires -----------------------------------------------------------------------------------------------

  async function createQuestionnaire(
    actor: CurrentUser | null,
    draft: Questionnaire,
    options: { catalogueKey?: string; publish?: boolean } = {},
  ): Promise<number> {
    const result = validateQuestionnaire(draft);
    if (!result.ok) throw new ValidationError(issuesToFields(result.issues), 'Le questionnaire contient des erreurs.');
    const content = { ...result.questionnaire };
    delete content.id;
    delete content.version;
    return db.transaction().execute(async (trx) => {
      const id = await store.insertQuestionnaire(
        { catalogueKey: options.catalogueKey, draft: content, createdBy: who(actor) },
        trx,
      );
      if (options.publish)
        await store.insertVersion({ questionnaireId: id, number: 1, content, publishedBy: who(actor) }, trx);
      await audit.record(
        {
          actorUserId: who(actor),
          action: 'questionnaire.create',
          subjectType: 'questionnaire',
          subjectId: id,
          details: { title: content.title },
        },
        trx,
      );
      return id;
    });
  }

  const service = {
    store,
    invitationLink,

    // == questionnaires =============================================================================================

    async listQuestionnaires(actor: CurrentUser | null) {
      requireCoordinator(actor);
      return store.listQuestionnaires();
    },

    async questionnaire(actor: CurrentUser | null, id: number) {
      requireCoordinator(actor);
      const q = await questionnaireOrThrow(id);
      const [versions, campaigns] = await Promise.all([
        store.listVersions(id),
        store.listCampaigns({ questionnaireId: id }),
      ]);
      const latest = versions[0] ?? null;
      const draftValid = validateQuestionnaire(q.draft);
      return {
        questionnaire: q,
        versions,
        campaigns,
        unpublishedChanges: !latest || JSON.stringify(latest.content) !== JSON.stringify(q.draft),
        issues: draftValid.ok ? [] : draftValid.issues,
      };
    },

    async createBlank(actor: CurrentUser | null, title: string): Promise<number> {
      requireCoordinator(actor);
      const t = title.trim();
      if (!t) throw new ValidationError({ title: 'Saisissez le titre du questionnaire.' });
      if (t.length > 200) throw new ValidationError({ title: 'Le titre dépasse 200 caractères.' });
      const { blankQuestionnaire } = await import('./builder.ts');
      return createQuestionnaire(actor, blankQuestionnaire(t));
    },

    /** Imports a file in our format or SurveyJS's; returns the new questionnaire and what could not be mapped. */
    async importQuestionnaire(
      actor: CurrentUser | null,
      input: { format: 'native' | 'surveyjs'; text: string },
    ): Promise<{ id: number; report: ReportEntry[] }> {
      requireCoordinator(actor);
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.text.replace(/^\uFEFF/, ''));
      } catch (e) {
        const message = (e as Error).message;
        const position = /position (\d+)/.exec(message);
        const lineMatch = /line (\d+)/.exec(message);
        const line = lineMatch
          ? Number(lineMatch[1])
          : position
            ? input.text.slice(0, Number(position[1])).split('\n').length
            : /end of JSON/i.test(message)
              ? input.text.trimEnd().split('\n').length
              : null;
        throw new ValidationError(
          { file: `Le fichier n'est pas un JSON valide${line ? ` (ligne ${line})` : ''}.` },
          'Le fichier ne peut pas être lu.',
        );
      }
      if (input.format === 'surveyjs') {
        const imported = fromSurveyJs(parsed);
        if (!imported.questionnaire)
          throw new ValidationError(
            issuesToFields(imported.issues),
            'Ce questionnaire SurveyJS ne peut pas être importé.',
          );
        const id = await createQuestionnaire(actor, imported.questionnaire);
        return { id, report: imported.report };
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        delete (parsed as Record<string, unknown>).id;
        delete (parsed as Record<string, unknown>).version;
      }
      const id = await createQuestionnaire(actor, parsed as Questionnaire);
      return { id, report: [] };
    },

    /** The questionnaires shipped with the product, installed once (by key) and published as version 1. */
    async installCatalogue(log: (line: string) => void = () => {}): Promise<number[]> {
      const ids: number[] = [];
      for (const entry of CATALOGUE) {
        const existing = await store.findByCatalogueKey(entry.key);
        if (existing) {
          ids.push(existing.id);
          continue;
        }
        ids.push(await createQuestionnaire(null, entry.questionnaire, { catalogueKey: entry.key, publish: true }));
        log(`Questionnaire « ${entry.questionnaire.title} » installé.`);
      }
      return ids;
    },

    /**
     * Saves the builder's working copy. `revision` is the draft revision the editor started from: a stale save
     * is refused with a conflict (two coordinators never overwrite each other silently).
     */
    async saveDraft(actor: CurrentUser | null, id: number, revision: number, draft: Questionnaire): Promise<number> {
      requireCoordinator(actor);
      const q = await questionnaireOrThrow(id);
      const result = validateQuestionnaire(draft);
      if (!result.ok)
        throw new ValidationError(
          issuesToFields(result.issues),
          'Cette modification rendrait le questionnaire incohérent.',
        );
      if (q.draftRevision !== revision) {
        throw new ConflictError(
          'Quelqu’un a modifié ce questionnaire pendant que vous travailliez. Rechargez la page pour voir sa version.',
          q.draft,
        );
      }
      const ok = await store.updateDraft(id, result.questionnaire, revision);
      if (!ok)
        throw new ConflictError(
          'Quelqu’un a modifié ce questionnaire pendant que vous travailliez. Rechargez la page.',
          q.draft,
        );
      return revision + 1;
    },

    /** Applies a builder operation (pure function of the draft) and saves. */
    async editDraft(
      actor: CurrentUser | null,
      id: number,
      revision: number,
      op: (draft: Questionnaire) => Questionnaire,
    ): Promise<number> {
      requireCoordinator(actor);
      const q = await questionnaireOrThrow(id);
      let next: Questionnaire;
      try {
        next = op(q.draft);
      } catch (e) {
        if (e instanceof BuilderError) throw new ValidationError({ questionnaire: e.message }, e.message);
        throw e;
      }
      return service.saveDraft(actor, id, revision, next);
    },

    /** Publishes the draft as a new, immutable version. */
    async publish(actor: CurrentUser | null, id: number, revision: number): Promise<VersionRow> {
      const user = requireCoordinator(actor);
      const q = await questionnaireOrThrow(id);
      if (q.draftRevision !== revision)
        throw new ConflictError('Le questionnaire a été modifié entre-temps : relisez-le avant de publier.', q.draft);
      const result = validateQuestionnaire(q.draft);
      if (!result.ok)
        throw new ValidationError(issuesToFields(result.issues), 'Corrigez le questionnaire avant de le publier.');
      const versions = await store.listVersions(id);
      if (versions[0] && JSON.stringify(versions[0].content) === JSON.stringify(q.draft)) {
        throw new ValidationError(
          { questionnaire: `Rien n'a changé depuis la version ${versions[0].number}.` },
          'Rien à publier.',
        );
      }
      const number = (versions[0]?.number ?? 0) + 1;
      const versionId = await db.transaction().execute(async (trx) => {
        const vid = await store.insertVersion(
          { questionnaireId: id, number, content: q.draft, publishedBy: who(user) },
          trx,
        );
        await audit.record(
          {
            actorUserId: who(user),
            action: 'questionnaire.publish',
            subjectType: 'questionnaire',
            subjectId: id,
            details: { version: number },
          },
          trx,
        );
        return vid;
      });
      return (await store.findVersion(versionId))!;
    },

    async archive(actor: CurrentUser | null, id: number): Promise<void> {
      const user = requireCoordinator(actor);
      await questionnaireOrThrow(id);
      await db.transaction().execute(async (trx) => {
        await store.archiveQuestionnaire(id, trx);
        await audit.record(
          { actorUserId: who(user), action: 'questionnaire.archive', subjectType: 'questionnaire', subjectId: id },
          trx,
        );
      });
    },

    /**
     * A questionnaire as a file: a published version (latest when `version` is omitted) or, for coordinators, the
     * draft (`version: 'draft'`).
     */
    async exportQuestionnaire(
      actor: CurrentUser | null,
      id: number,
      options: { format: 'native' | 'surveyjs'; version?: number | 'draft' },
    ): Promise<{ json: unknown; report: ReportEntry[]; filename: string }> {
      const q = await questionnaireOrThrow(id);
      let content: Questionnaire;
      let label: string;
      if (options.version === 'draft') {
        requireCoordinator(actor);
        content = q.draft;
        label = 'brouillon';
      } else {
        const v = options.version
          ? await store.findVersionByNumber(id, options.version)
          : (await store.listVersions(id))[0];
        if (!v)
          throw notFound(
            options.version
              ? `Ce questionnaire n'a pas de version ${options.version}.`
              : "Ce questionnaire n'a pas encore été publié.",
          );
        content = { ...v.content, id, version: v.number };
        label = `v${v.number}`;
      }
      const base = `questionnaire-${id}-${label}`;
      if (options.format === 'surveyjs') {
        const { json, report } = toSurveyJs(content);
        return { json, report, filename: `${base}.surveyjs.json` };
      }
      return { json: content, report: [], filename: `${base}.json` };
    },

    /** Published questionnaires for the public API (latest version of each). */
    async publishedList() {
      const rows = await store.listQuestionnaires({ publishedOnly: true });
      return rows.map((q) => ({
        id: q.id,
        title: q.title,
        version: q.latestVersion,
        updatedAt: q.updatedAt,
        url: `${baseUrl}/api/v1/questionnaires/${q.id}`,
      }));
    },

    async published(id: number, version?: number): Promise<Questionnaire> {
      const q = await questionnaireOrThrow(id);
      const v = version
        ? await store.findVersionByNumber(id, version)
        : await store.findVersionByNumber(id, q.latestVersion);
      if (!v)
        throw notFound(
          version ? `Ce questionnaire n'a pas de version ${version}.` : "Ce questionnaire n'a pas encore été publié.",
        );
      return { id, version: v.number, ...v.content };
    },

    // == campaigns ==================================================================================================

    async listCampaigns(actor: CurrentUser | null) {
      requireCoordinator(actor, 'gérer les campagnes');
      const [campaigns, questionnaires] = await Promise.all([store.listCampaigns(), store.listQuestionnaires()]);
      const titles = new Map(questionnaires.map((q) => [q.id, q.title]));
      return campaigns.map((c) => ({
        ...c,
        state: campaignState(c),
        questionnaireTitle: titles.get(c.questionnaireId) ?? '',
      }));
    },

    /**
     * Creates a campaign: resolves the target authorities, creates one invitation each (mailed when the campaign
     * opens), schedules reminders. Field errors are French, SIREN list errors carry line numbers.
     */
    async createCampaign(
      actor: CurrentUser | null,
      input: {
        questionnaireId: number;
        title: string;
        description: string;
        opensAt: string | null;
        closesAt: string | null;
        targets: TargetSpec;
        sirenList: string;
        publicLink: boolean;
        resultsPublic: boolean;
        libraryAuto: boolean;
        reminderDays: number[] | null;
      },
    ): Promise<{ id: number; invited: number }> {
      const user = requireCoordinator(actor, 'créer des campagnes');
      const errors: Record<string, string> = {};
      const q =
        Number.isSafeInteger(input.questionnaireId) && input.questionnaireId > 0
          ? await store.findQuestionnaire(input.questionnaireId)
          : null;
      if (!q || q.archivedAt) errors.questionnaireId = 'Choisissez un questionnaire.';
      else if (q.latestVersion === 0)
        errors.questionnaireId = "Ce questionnaire n'a pas encore été publié : publiez-le d'abord.";
      const title = input.title.trim();
      if (!title) errors.title = 'Saisissez le titre de la campagne.';
      else if (title.length > 200) errors.title = 'Le titre dépasse 200 caractères.';
      if (!input.opensAt) errors.opensAt = "Saisissez la date d'ouverture, par exemple 2025-03-01.";
      if (!input.closesAt) errors.closesAt = 'Saisissez la date de clôture, par exemple 2025-04-30.';
      else if (input.opensAt && input.closesAt <= input.opensAt)
        errors.closesAt = "La clôture doit être postérieure à l'ouverture.";
      else if (new Date(input.closesAt).getTime() <= Date.now())
        errors.closesAt = 'La date de clôture est déjà passée.';
      if (input.reminderDays === null)
        errors.reminderDays = 'Saisissez des nombres de jours séparés par des virgules, par exemple « 7, 2 ».';

      const sirens = parseSirenList(input.sirenList);
      if (sirens.errors.length) errors.sirenList = sirens.errors.map((e) => e.message).join(' ');
      const targets: TargetSpec = {
        ...input.targets,
        sirens: sirens.entries.map((e) => ({ siren: e.siren, emails: e.emails })),
      };
      if (!hasTargets(targets) && !input.publicLink) {
        errors.targets = 'Choisissez au moins un groupe de collectivités, une liste, ou activez le lien public.';
      }

      // Resolve authorities.
      const found = new Map<number, Organisation>();
      const emails = new Map<number, string[]>();
      const unknownSirens: number[] = [];
      if (!Object.keys(errors).length) {
        const collect = async (filter: OrganisationFilter) => {
          for (let offset = 0; ; offset += 1000) {
            const page = await deps.organisations.list(filter, { limit: 1000, offset });
            for (const o of page.rows) found.set(o.id, o);
            if (page.rows.length < 1000) break;
          }
        };
        const types = targets.types.length ? targets.types : [undefined];
        const areas: OrganisationFilter[] = [
          ...targets.regions.map((regionCode) => ({ regionCode })),
          ...targets.departements.map((departementCode) => ({ departementCode })),
        ];
        if (targets.types.length || areas.length) {
          for (const type of types) {
            if (areas.length) for (const area of areas) await collect({ ...area, ...(type ? { type } : {}) });
            else await collect({ type });
          }
        }
        for (const o of await deps.organisations.findByIds(targets.organisationIds)) found.set(o.id, o);
        for (const entry of sirens.entries) {
          const orgs = await deps.organisations.findBySiren(entry.siren);
          if (!orgs.length) {
            unknownSirens.push(entry.line);
            continue;
          }
          // A SIREN names one legal body; prefer its non-geographic twin only when it is the only one.
          const org = orgs[0]!;
          found.set(org.id, org);
          if (entry.emails.length) emails.set(org.id, [...(emails.get(org.id) ?? []), ...entry.emails]);
        }
        if (unknownSirens.length) {
          errors.sirenList = `SIREN inconnu${unknownSirens.length > 1 ? 's' : ''} de la plateforme, ligne${unknownSirens.length > 1 ? 's' : ''} ${unknownSirens.join(', ')} : ajoutez ces organismes ou retirez-les de la liste.`;
        }
        if (!found.size && !input.publicLink && !errors.sirenList)
          errors.targets = 'Aucune collectivité ne correspond à ces critères.';
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);

      const version = (await store.findVersionByNumber(q!.id, q!.latestVersion))!;
      const opensAt = input.opensAt!;
      const closesAt = input.closesAt!;
      const publicNonce = input.publicLink ? randomBytes(16).toString('base64url') : null;
      const expiresAt = new Date(new Date(closesAt).getTime() + INVITATION_GRACE_DAYS * 86_400_000).toISOString();
      const id = await db.transaction().execute(async (trx) => {
        const campaignId = await store.insertCampaign(
          {
            questionnaireId: q!.id,
            versionId: version.id,
            title,
            description: input.description.trim(),
            opensAt,
            closesAt,
            closedAt: null,
            targets,
            publicTokenHash: null,
            publicTokenNonce: publicNonce,
            resultsPublic: input.resultsPublic,
            libraryAuto: input.libraryAuto && mapsToLibrary(version.content),
            reminderDays: input.reminderDays ?? [],
            createdBy: who(user),
          },
          trx,
        );
        if (publicNonce) {
          const token = invitationToken(secret, `public:${campaignId}`, publicNonce);
          await store.updateCampaign(campaignId, { publicTokenHash: hashToken(token) }, trx);
        }
        await store.insertInvitations(
          [...found.values()].map((o) => {
            const nonce = randomBytes(16).toString('base64url');
            const token = invitationToken(secret, `${campaignId}:${o.id}`, nonce);
            return {
              campaignId,
              organisationId: o.id,
              organisationName: o.name,
              organisationType: o.type,
              regionCode: o.regionCode,
              departementCode: o.departementCode,
              contactEmails: emails.get(o.id) ?? [],
              nonce,
              tokenHash: hashToken(token),
              expiresAt,
            };
          }),
          trx,
        );
        await jobs.enqueue(
          JOBS.announce,
          { campaignId },
          { runAt: new Date(opensAt), uniqueKey: `questionnaires.announce:${campaignId}` },
          trx,
        );
        for (const at of reminderDates(closesAt, input.reminderDays ?? [], new Date(opensAt))) {
          await jobs.enqueue(
            JOBS.reminder,
            { campaignId, scheduled: true },
            { runAt: at, uniqueKey: `questionnaires.reminder:${campaignId}:${at.toISOString()}` },
            trx,
          );
        }
        await audit.record(
          {
            actorUserId: who(user),
            action: 'campaign.create',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: { title, invited: found.size },
          },
          trx,
        );
        return campaignId;
      });
      return { id, invited: found.size };
    },

    /** Everything the campaign dashboard shows. */
    async dashboard(actor: CurrentUser | null, id: number) {
      requireCoordinator(actor, 'suivre les campagnes');
      const campaign = await campaignOrThrow(id);
      const [version, questionnaire, followUp, counts, divisions] = await Promise.all([
        versionOrThrow(campaign.versionId),
        store.findQuestionnaire(campaign.questionnaireId),
        store.followUp(id),
        store.countResponses(id),
        deps.organisations.divisions(),
      ]);
      const active = followUp.filter((f) => !f.revokedAt);
      const rate = (rows: typeof active) => {
        const submitted = rows.filter((r) => r.status === 'submitted').length;
        const inProgress = rows.filter((r) => r.status === 'in_progress').length;
        return {
          invited: rows.length,
          submitted,
          inProgress,
          notStarted: rows.length - submitted - inProgress,
          percent: rows.length ? Math.round((submitted * 1000) / rows.length) / 10 : 0,
        };
      };
      const group = (key: (r: (typeof active)[number]) => string) => {
        const groups = new Map<string, typeof active>();
        for (const r of active) {
          const k = key(r);
          groups.set(k, [...(groups.get(k) ?? []), r]);
        }
        return [...groups].map(([k, rows]) => ({ key: k, ...rate(rows) })).sort((a, b) => b.invited - a.invited);
      };
      const anonymous = counts.reduce((s, c) => s + c.n, 0) - active.filter((f) => f.responseId).length;
      const token = publicToken(campaign);
      return {
        campaign,
        state: campaignState(campaign),
        version,
        questionnaire,
        followUp,
        overall: rate(active),
        byType: group((r) => organisationTypeLabel(r.organisationType)),
        byRegion: group((r) => (r.regionCode ? (divisions.regions.get(r.regionCode) ?? r.regionCode) : 'Sans région')),
        anonymousResponses: Math.max(0, anonymous),
        publicLink: token ? `${baseUrl}/recensements/public/${token}` : null,
        mapsToLibrary: mapsToLibrary(version.content),
      };
    },

    /** The personal link of one invitation (shown to coordinators who want to pass it on themselves). */
    async invitationLinkOf(actor: CurrentUser | null, invitationId: number): Promise<string> {
      requireCoordinator(actor, 'suivre les campagnes');
      const inv = await store.findInvitation(invitationId);
      if (!inv) throw notFound("Cette invitation n'existe pas.");
      return invitationLink(inv);
    },

    /** Mails a reminder to the selected authorities that have not submitted (all of them when `ids` is null). */
    async remind(actor: CurrentUser | null, campaignId: number, ids: number[] | null): Promise<number> {
      const user = requireCoordinator(actor, 'relancer les collectivités');
      const campaign = await campaignOrThrow(campaignId);
      if (campaignState(campaign) !== 'open')
        throw new ValidationError({ selection: 'On ne relance que pendant une campagne ouverte.' });
      if (ids && !ids.length) throw new ValidationError({ selection: 'Cochez au moins une collectivité à relancer.' });
      const sent = await sendReminders(campaign, ids);
      await audit.record({
        actorUserId: who(user),
        action: 'campaign.remind',
        subjectType: 'campaign',
        subjectId: campaignId,
        details: { sent },
      });
      return sent;
    },

    async close(actor: CurrentUser | null, campaignId: number): Promise<void> {
      const user = requireCoordinator(actor, 'clore les campagnes');
      const campaign = await campaignOrThrow(campaignId);
      if (campaignState(campaign) === 'closed') return;
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(campaignId, { closedAt: now() }, trx);
        await audit.record(
          { actorUserId: who(user), action: 'campaign.close', subjectType: 'campaign', subjectId: campaignId },
          trx,
        );
      });
    },

    async updateSettings(
      actor: CurrentUser | null,
      campaignId: number,
      patch: { resultsPublic?: boolean; publicLink?: boolean; libraryAuto?: boolean },
    ): Promise<void> {
      const user = requireCoordinator(actor, 'gérer les campagnes');
      const campaign = await campaignOrThrow(campaignId);
      const set: Parameters<typeof store.updateCampaign>[1] = {};
      if (patch.resultsPublic !== undefined) set.resultsPublic = patch.resultsPublic;
      if (patch.libraryAuto !== undefined) set.libraryAuto = patch.libraryAuto;
      if (patch.publicLink === true && !campaign.publicTokenNonce) {
        const nonce = randomBytes(16).toString('base64url');
        set.publicTokenNonce = nonce;
        set.publicTokenHash = hashToken(invitationToken(secret, `public:${campaignId}`, nonce));
      } else if (patch.publicLink === false) {
        set.publicTokenNonce = null;
        set.publicTokenHash = null;
      }
      await db.transaction().execute(async (trx) => {
        await store.updateCampaign(campaignId, set, trx);
        await audit.record(
          {
            actorUserId: who(user),
            action: 'campaign.settings',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: patch,
          },
          trx,
        );
      });
    },

    async revokeInvitation(actor: CurrentUser | null, invitationId: number): Promise<InvitationRow> {
      const user = requireCoordinator(actor, 'gérer les invitations');
      const inv = await store.findInvitation(invitationId);
      if (!inv) throw notFound("Cette invitation n'existe pas.");
      await db.transaction().execute(async (trx) => {
        await store.updateInvitation(invitationId, { revokedAt: now() }, trx);
        await audit.record(
          { actorUserId: who(user), action: 'invitation.revoke', subjectType: 'invitation', subjectId: invitationId },
          trx,
        );
      });
      return inv;
    },

    /** A new personal link for an authority (the old one stops working), mailed to its contacts. */
    async renewInvitation(actor: CurrentUser | null, invitationId: number): Promise<string> {
      const user = requireCoordinator(actor, 'gérer les invitations');
      const inv = await store.findInvitation(invitationId);
      if (!inv) throw notFound("Cette invitation n'existe pas.");
      const campaign = await campaignOrThrow(inv.campaignId);
      const nonce = randomBytes(16).toString('base64url');
      const token = invitationToken(secret, invitationKey(inv), nonce);
      const expiresAt = new Date(
        new Date(campaign.closesAt).getTime() + INVITATION_GRACE_DAYS * 86_400_000,
      ).toISOString();
      // Read everything before the transaction: on SQLite, a query outside it would wait for it forever.
      const to = campaignState(campaign) === 'open' ? await recipients([{ ...inv, nonce }]) : null;
      await db.transaction().execute(async (trx) => {
        await store.updateInvitation(
          invitationId,
          { nonce, tokenHash: hashToken(token), revokedAt: null, expiresAt },
          trx,
        );
        if (to)
          await mail(
            to.get(inv.id) ?? [],
            `Nouveau lien : ${campaign.title}`,
            invitationText(campaign, { ...inv, nonce }, 'renew'),
            trx,
          );
        await audit.record(
          { actorUserId: who(user), action: 'invitation.renew', subjectType: 'invitation', subjectId: invitationId },
          trx,
        );
      });
      return invitationLink({ ...inv, nonce });
    },

    /** Moves a campaign to the questionnaire's latest version: new responses use it, started ones keep theirs. */
    async upgradeVersion(actor: CurrentUser | null, campaignId: number): Promise<number> {
      const user = requireCoordinator(actor, 'gérer les campagnes');
      const campaign = await campaignOrThrow(campaignId);
      const q = await questionnaireOrThrow(campaign.questionnaireId);
      const latest = await store.findVersionByNumber(q.id, q.latestVersion);
      if (!latest || latest.id === campaign.versionId)
        throw new ValidationError({ version: 'La campagne utilise déjà la dernière version publiée.' });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('campaigns')
          .set({ version_id: latest.id, updated_at: now() })
          .where('id', '=', campaignId)
          .execute();
        await audit.record(
          {
            actorUserId: who(user),
            action: 'campaign.version',
            subjectType: 'campaign',
            subjectId: campaignId,
            details: { version: latest.number },
          },
          trx,
        );
      });
      return latest.number;
    },

    // == answering =================================================================================================

    /** Campaigns whose results are public (opened ones only), newest first. */
    async publicResults() {
      const campaigns = await store.listCampaigns();
      return campaigns
        .filter((c) => c.resultsPublic && campaignState(c) !== 'scheduled')
        .map((c) => ({ id: c.id, title: c.title, state: campaignState(c), closesAt: c.closedAt ?? c.closesAt }));
    },

    /** « Mes recensements »: the campaigns the person's authorities are invited to. */
    async myCampaigns(actor: CurrentUser) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      const invitations = await store.invitationsOfOrganisations(orgIds);
      const out = [];
      for (const inv of invitations) {
        const campaign = await store.findCampaign(inv.campaignId);
        if (!campaign) continue;
        const state = campaignState(campaign);
        if (state === 'scheduled') continue;
        const response = await store.findResponseOf(campaign.id, inv.organisationId);
        out.push({
          campaign,
          state,
          organisationId: inv.organisationId,
          organisationName: inv.organisationName,
          response,
          href: `/recensements/${campaign.id}/collectivites/${inv.organisationId}`,
        });
      }
      return out;
    },

    /** Opens a personal invitation link: the expired, revoked or unknown link each gets its own clear message. */
    async openInvitation(token: string, user: CurrentUser | null): Promise<Respondent> {
      const inv = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.findInvitationByHash(hashToken(token)) : null;
      if (!inv) {
        throw notFound(
          "Ce lien d'invitation n'existe pas. Vérifiez qu'il a été copié en entier, ou demandez un nouveau lien au réseau.",
        );
      }
      if (inv.revokedAt) {
        throw new HttpError(
          410,
          'invitation_revoked',
          `Ce lien a été révoqué le ${formatDate(inv.revokedAt)}. Demandez un nouveau lien au réseau, ou connectez-vous avec votre compte.`,
        );
      }
      if (new Date(inv.expiresAt).getTime() <= Date.now()) {
        throw new HttpError(
          410,
          'invitation_expired',
          `Ce lien a expiré le ${formatDate(inv.expiresAt)}. Demandez un nouveau lien au réseau.`,
        );
      }
      const campaign = await campaignOrThrow(inv.campaignId);
      return respondent('invitation', campaign, inv, user, `/recensements/lien/${token}`, null);
    },

    async openAsMember(actor: CurrentUser | null, campaignId: number, organisationId: number): Promise<Respondent> {
      if (!actor)
        throw new HttpError(401, 'unauthorized', 'Connectez-vous pour répondre au nom de votre collectivité.');
      const campaign = await campaignOrThrow(campaignId);
      const inv = await store.findInvitationOf(campaignId, organisationId);
      if (!inv) throw notFound("Cette collectivité n'est pas invitée à ce recensement.");
      if (!canAnswerFor(actor, organisationId)) {
        throw forbidden(
          `Seuls les membres de ${inv.organisationName} peuvent répondre pour elle. Demandez à rejoindre la collectivité depuis sa page.`,
        );
      }
      return respondent(
        'member',
        campaign,
        inv,
        actor,
        `/recensements/${campaignId}/collectivites/${organisationId}`,
        null,
      );
    },

    async openPublic(token: string, anonymousToken: string | null, user: CurrentUser | null): Promise<Respondent> {
      const campaign = /^[A-Za-z0-9_-]{20,100}$/.test(token)
        ? await store.findCampaignByPublicHash(hashToken(token))
        : null;
      if (!campaign) throw notFound("Ce lien public n'est pas (ou plus) valide.");
      const anonymousHash =
        anonymousToken && /^[A-Za-z0-9_-]{20,100}$/.test(anonymousToken) ? hashToken(anonymousToken) : null;
      return respondent('public', campaign, null, user, `/recensements/public/${token}`, anonymousHash);
    },

    /** Names of the authorities that organisation answers refer to (id → name), for display. */
    async organisationNames(values: unknown[]): Promise<Record<string, string>> {
      const ids = [
        ...new Set(
          values.filter((v): v is string => typeof v === 'string' && /^[1-9][0-9]{0,15}$/.test(v)).map(Number),
        ),
      ];
      if (!ids.length) return {};
      const orgs = await deps.organisations.findByIds(ids);
      return Object.fromEntries(orgs.map((o) => [String(o.id), o.name]));
    },

    /** Throws the clear error of a respondent who may not write now (not open, closed, already submitted). */
    assertWritable(r: Respondent): void {
      assertWritable(r);
    },

    /**
     * Saves one page of a form (without JavaScript, or the explicit « Enregistrer » button): only the answers the
     * person changed since `baseVersion` are written, so that two agents never overwrite each other silently.
     */
    async savePage(
      r: Respondent,
      pageId: string,
      form: Record<string, unknown>,
      options: {
        baseVersion: number;
        base: Answers | null;
        files?: UploadedFile[];
        validate: boolean;
        respondentEmail?: string;
      },
    ): Promise<SaveOutcome & { respondent: Respondent }> {
      assertWritable(r);
      const questionnaire = r.version.content;
      const page = questionnaire.pages.find((p) => p.id === pageId);
      if (!page) throw notFound("Cette page du questionnaire n'existe pas.");
      const organisationChoices: Record<string, Organisation[]> = {};
      const pageErrors: Record<string, string> = {};
      const keys = pageKeys(questionnaire, pageId);
      const submitted: Answers = {};
      for (const element of page.elements) {
        if (element.type === 'info') continue;
        const q = element;
        if (q.type === 'file') continue;
        let value = formValue(q, form);
        if (q.type === 'organisation') {
          const resolved = await resolveOrganisation(q, form);
          value = resolved.value;
          if (resolved.choices) organisationChoices[q.id] = resolved.choices;
          if (resolved.error) pageErrors[q.id] = resolved.error;
        }
        if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER) {
          pageErrors[q.id] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
          value = value.slice(0, MAX_TEXT_ANSWER);
        }
        submitted[q.id] = value;
        if ('allowOther' in q && q.allowOther) {
          const raw = form[otherKey(q.id)];
          const other = (Array.isArray(raw) ? raw[raw.length - 1] : raw) as string | undefined;
          submitted[otherKey(q.id)] =
            typeof other === 'string' && other.trim() ? other.trim().slice(0, MAX_TEXT_ANSWER) : undefined;
        }
      }
      // Only what changed since the page was displayed.
      const patch: Record<string, AnswerValue | null> = {};
      for (const key of keys) {
        const q = allQuestions(questionnaire).find((x) => x.id === key);
        if (q?.type === 'file') continue;
        const mine = submitted[key];
        if (options.base && sameAnswer(mine, options.base[key])) continue;
        patch[key] = mine ?? null;
      }
      // Files: stored first, then referenced by the answer.
      let response = r.response;
      for (const element of page.elements) {
        if (element.type !== 'file') continue;
        const upload = options.files?.find((f) => f.field === element.id && f.data.length > 0);
        const remove = typeof form[`${element.id}.remove`] === 'string';
        if (upload) {
          const problem =
            upload.data.length > element.maxSizeBytes
              ? MESSAGES.fileSize(element.maxSizeBytes)
              : !mimeAccepted(upload.mimetype, element.accept)
                ? MESSAGES.fileType(element.accept)
                : null;
          if (problem) {
            pageErrors[element.id] = problem;
            continue;
          }
          response ??= await ensureResponse(r, pageId);
          const fileId = randomBytes(18).toString('base64url');
          // Path separators and control characters have no place in a file name shown back and offered for download.
          const name =
            [...upload.filename]
              .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
              .join('')
              .slice(0, 200) || 'fichier';
          await store.insertFile({
            id: fileId,
            responseId: response.id,
            questionId: element.id,
            name,
            type: upload.mimetype,
            content: upload.data,
          });
          const file: FileAnswer = { id: fileId, name, size: upload.data.length, type: upload.mimetype };
          patch[element.id] = file;
        } else if (remove) patch[element.id] = null;
      }
      const saved = await persist(r, options.baseVersion, patch, {
        currentPage: pageId,
        respondentEmail: options.respondentEmail,
      });
      const next: Respondent = { ...r, response: saved.response };
      let errors = { ...pageErrors };
      if (options.validate)
        errors = { ...validatePage(questionnaire, pageId, saved.response.answers).errors, ...pageErrors };
      for (const c of saved.conflicts) delete errors[c.key];
      return { response: saved.response, conflicts: saved.conflicts, errors, organisationChoices, respondent: next };
    },

    /** Autosave (JavaScript): a patch of changed answers on top of `baseVersion`. */
    async autosave(
      r: Respondent,
      input: { baseVersion: number; answers: Record<string, AnswerValue | null>; page?: string },
    ): Promise<{ version: number; conflicts: Conflict[]; progress: number; savedAt: string; answers: Answers }> {
      assertWritable(r);
      const questionnaire = r.version.content;
      const allowed = new Set(
        allQuestions(questionnaire).flatMap((q) => (q.type === 'file' ? [] : [q.id, otherKey(q.id)])),
      );
      const patch: Record<string, AnswerValue | null> = {};
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(input.answers ?? {})) {
        if (!allowed.has(key)) {
          fields[key] = "Cette question n'existe pas dans ce questionnaire.";
          continue;
        }
        if (typeof value === 'string' && value.length > MAX_TEXT_ANSWER) {
          fields[key] = MESSAGES.maxLength(MAX_TEXT_ANSWER);
          continue;
        }
        patch[key] = value;
      }
      if (Object.keys(fields).length)
        throw new ValidationError(fields, 'Certaines réponses ne peuvent pas être enregistrées.');
      const page = input.page && questionnaire.pages.some((p) => p.id === input.page) ? input.page : undefined;
      const saved = await persist(r, input.baseVersion, patch, { currentPage: page });
      return {
        version: saved.response.version,
        conflicts: saved.conflicts,
        progress: saved.response.progress,
        savedAt: saved.response.updatedAt,
        answers: saved.response.answers,
      };
    },

    /** Sends the response: every visible question valid; hidden answers dropped; receipt mailed. */
    async submit(r: Respondent, input: { baseVersion: number; email?: string | null }): Promise<ResponseRow> {
      assertWritable(r);
      const response = r.response ? await store.findResponse(r.response.id) : null;
      if (!response) throw new ValidationError({ questionnaire: "Vous n'avez encore répondu à aucune question." });
      if (response.version !== input.baseVersion) {
        throw new ConflictError(
          "Quelqu'un a modifié les réponses depuis que vous avez affiché ce récapitulatif. Relisez-les avant d'envoyer.",
          response.answers,
        );
      }
      const questionnaire = r.version.content;
      const checked = validateAnswers(questionnaire, response.answers);
      if (!checked.valid)
        throw new ValidationError(checked.errors, 'Certaines réponses sont à compléter avant l’envoi.');
      const email = input.email?.trim().toLowerCase() || null;
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        throw new ValidationError({ email: MESSAGES.email });
      }
      const kept = pruneHidden(questionnaire, response.answers);
      const at = now();
      const updated = await db.transaction().execute(async (trx) => {
        const ok = await store.saveAnswers(
          response.id,
          response.version,
          {
            answers: kept,
            revisions: response.revisions,
            progress: 100,
            userId: r.user?.id ?? null,
            status: 'submitted',
            submittedAt: at,
            submittedBy: r.user?.id ?? null,
            respondentEmail: email ?? response.respondentEmail,
          },
          trx,
        );
        if (!ok) throw new ConflictError("Quelqu'un vient de modifier les réponses. Relisez-les avant d'envoyer.");
        const to = [...new Set([r.user?.email, email].filter(Boolean) as string[])];
        await mail(to, `Accusé de réception : ${r.campaign.title}`, receiptText(r, at), trx);
        if (r.campaign.libraryAuto && response.organisationId && mapsToLibrary(questionnaire)) {
          await jobs.enqueue(
            JOBS.libraryDraft,
            { responseId: response.id },
            { uniqueKey: `questionnaires.library:${response.id}` },
            trx,
          );
        }
        await audit.record(
          {
            actorUserId: r.user?.id ?? null,
            action: 'response.submit',
            subjectType: 'response',
            subjectId: response.id,
            details: { campaignId: r.campaign.id },
          },
          trx,
        );
        return (await store.findResponse(response.id, trx))!;
      });
      return updated;
    },

    /** After submission, the authority may reopen its response until the campaign closes. */
    async reopen(r: Respondent): Promise<ResponseRow> {
      if (r.state !== 'open') throw gone(closedMessage(r));
      const response = r.response ? await store.findResponse(r.response.id) : null;
      if (response?.status !== 'submitted') return response ?? (await ensureResponse(r, null));
      const ok = await store.saveAnswers(response.id, response.version, {
        answers: response.answers,
        revisions: response.revisions,
        progress: response.progress,
        userId: r.user?.id ?? null,
        status: 'in_progress',
        reopenedAt: now(),
      });
      if (!ok) throw new ConflictError("Quelqu'un vient de modifier cette réponse. Rechargez la page.");
      await audit.record({
        actorUserId: r.user?.id ?? null,
        action: 'response.reopen',
        subjectType: 'response',
        subjectId: response.id,
      });
      return (await store.findResponse(response.id))!;
    },

    /** A file attached to a response, for that response's respondents or coordinators. */
    async file(access: { response: ResponseRow | null } | { coordinator: CurrentUser | null }, fileId: string) {
      const file = /^[A-Za-z0-9_-]{10,60}$/.test(fileId) ? await store.findFile(fileId) : null;
      if (!file) throw notFound('Ce fichier est introuvable.');
      if ('coordinator' in access) requireCoordinator(access.coordinator, 'consulter les réponses');
      else if (!access.response || access.response.id !== file.responseId)
        throw notFound('Ce fichier est introuvable.');
      return file;
    },

    // == results and exports =======================================================================================

    /** One response, read-only, for coordinators. */
    async responseForCoordinator(actor: CurrentUser | null, responseId: number) {
      requireCoordinator(actor, 'consulter les réponses');
      const response = await store.findResponse(responseId);
      if (!response) throw notFound("Cette réponse n'existe pas.");
      const [campaign, version] = await Promise.all([
        campaignOrThrow(response.campaignId),
        versionOrThrow(response.versionId),
      ]);
      return {
        response,
        campaign,
        version,
        mapsToLibrary: mapsToLibrary(version.content),
        libraryAvailable: !!deps.library,
      };
    },

    async results(
      actor: CurrentUser | null,
      campaignId: number,
      filter: { organisationType?: string; regionCode?: string },
    ) {
      const campaign = await campaignOrThrow(campaignId);
      if (!canReadResults(actor, campaign)) {
        throw actor
          ? forbidden('Les résultats de cette campagne ne sont pas publics.')
          : notFound('Ces résultats ne sont pas publics.');
      }
      const includeRestricted = seesRestricted(actor);
      const f: ResponseFilter = { status: 'submitted', ...filter };
      // Results only change when a response is sent or reopened: computed once per state of the responses.
      const key = JSON.stringify([campaignId, campaign.versionId, f, includeRestricted]);
      const stamp = await store.responsesStamp(campaignId, f);
      let cached = resultsCache.get(key);
      if (!cached || cached.stamp !== stamp) {
        const rows = await store.answersOf(campaignId, f);
        const versionIds = [...new Set([campaign.versionId, ...rows.map((r) => r.versionId)])];
        const versions = (await store.findVersions(versionIds)).sort((a, b) => b.number - a.number);
        const parsed = (function* () {
          for (const r of rows) yield JSON.parse(r.answers) as Answers;
        })();
        const results = computeResults(
          versions.map((v) => v.content),
          parsed,
          { includeRestricted },
        );
        cached = { stamp, results, versions: versions.map((v) => v.number) };
        if (resultsCache.size >= 50) resultsCache.delete(resultsCache.keys().next().value!);
        resultsCache.set(key, cached);
      }
      const { results } = cached;
      const versions = cached.versions;
      const [divisions, followUp] = await Promise.all([deps.organisations.divisions(), store.followUp(campaignId)]);
      return {
        campaign,
        state: campaignState(campaign),
        results,
        includeRestricted,
        filter,
        versions,
        filterOptions: {
          types: [...new Set(followUp.map((f) => f.organisationType))].map((t) => ({
            value: t,
            label: organisationTypeLabel(t),
          })),
          regions: [...new Set(followUp.map((f) => f.regionCode).filter(Boolean) as string[])]
            .map((c) => ({ value: c, label: divisions.regions.get(c) ?? c }))
            .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
        },
      };
    },

    /**
     * The export of a campaign's responses, one row per response and one column per question (all versions,
     * matched by stable id), streamed in batches: memory stays flat.
     */
    async exportResponses(actor: CurrentUser | null, campaignId: number) {
      requireCoordinator(actor, 'exporter les réponses');
      const campaign = await campaignOrThrow(campaignId);
      // Every version of the questionnaire (newest first): a column per question that any of them asked.
      const used = await store.listVersions(campaign.questionnaireId);
      const numbers = new Map(used.map((v) => [v.id, v.number]));
      const questions = unionQuestions(used.map((v) => v.content));
      const header = [
        'réponse',
        'collectivité',
        'type de collectivité',
        'région',
        'département',
        'statut',
        'version du questionnaire',
        'commencée le',
        'mise à jour le',
        'envoyée le',
        ...questions.map((q) => q.label),
      ];
      const ids = [
        'response_id',
        'organisation',
        'organisation_type',
        'region_code',
        'departement_code',
        'status',
        'version',
        'started_at',
        'updated_at',
        'submitted_at',
        ...questions.map((q) => q.id),
      ];
      async function* rows(): AsyncGenerator<{
        cells: (string | number)[];
        response: ResponseRow;
        versionNumber: number;
      }> {
        for await (const r of store.iterateResponses(campaignId, {}, 500)) {
          const answers = r.answers;
          yield {
            response: r,
            versionNumber: numbers.get(r.versionId) ?? 0,
            cells: [
              r.id,
              r.organisationName ?? 'Réponse anonyme',
              r.organisationType ? organisationTypeLabel(r.organisationType) : '',
              r.regionCode ?? '',
              r.departementCode ?? '',
              r.status === 'submitted' ? 'envoyée' : 'en cours',
              numbers.get(r.versionId) ?? '',
              r.startedAt,
              r.updatedAt,
              r.submittedAt ?? '',
              ...questions.map((q) => {
                const v = answers[q.id];
                if (q.type === 'number' && typeof v === 'number') return v;
                return cellText(q, answers);
              }),
            ],
          };
        }
      }
      return { campaign, questions, header, ids, rows, filenameBase: `campagne-${campaignId}-reponses` };
    },

    // == library ===================================================================================================

    /** Turns an AI-census response into a draft sheet of the library for its authority (once). */
    async createLibraryDraft(actor: CurrentUser | null, responseId: number, options: { system?: boolean } = {}) {
      if (!options.system && !canCreateLibraryDraft(actor))
        throw forbidden('Seuls les coordinateurs du réseau peuvent créer une fiche à partir d’une réponse.');
      const response = await store.findResponse(responseId);
      if (!response) throw notFound("Cette réponse n'existe pas.");
      if (response.libraryUseCaseId)
        return {
          id: response.libraryUseCaseId,
          url: `/bibliotheque/${response.libraryUseCaseId}`,
          created: false,
          skipped: [],
        };
      if (!response.organisationId)
        throw new ValidationError({
          response: 'Une réponse anonyme ne peut pas devenir une fiche : elle n’est rattachée à aucune collectivité.',
        });
      const [campaign, version] = await Promise.all([
        campaignOrThrow(response.campaignId),
        versionOrThrow(response.versionId),
      ]);
      if (!mapsToLibrary(version.content))
        throw new ValidationError({
          response:
            "Ce questionnaire n'alimente pas la bibliothèque (aucune question n'y est associée au nom du projet).",
        });
      if (!deps.library)
        throw new HttpError(
          503,
          'library_unavailable',
          "La bibliothèque n'est pas disponible pour le moment : réessayez plus tard.",
        );
      const mapping = libraryContent(version.content, response.answers);
      const created = await deps.library.createDraft({
        organisationId: response.organisationId,
        content: mapping.content,
        actorUserId: who(actor),
        source: `${campaign.title}, réponse n° ${response.id}`,
      });
      await db.transaction().execute(async (trx) => {
        await store.setLibraryUseCase(response.id, created.id, trx);
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'response.library_draft',
            subjectType: 'response',
            subjectId: response.id,
            details: { useCaseId: created.id, skipped: mapping.skipped },
          },
          trx,
        );
      });
      return { ...created, created: true, skipped: mapping.skipped };
    },

    // == jobs ======================================================================================================

    jobHandlers: {
      [JOBS.mail]: (m: { to: string[]; subject: string; text: string }) => platform.mailer.send(m),
      [JOBS.announce]: async ({ campaignId }: { campaignId: number }) => {
        const campaign = await store.findCampaign(campaignId);
        if (!campaign || campaign.invitationsSentAt || campaignState(campaign) !== 'open') return;
        const invitations = (await store.listInvitations(campaignId)).filter((i) => !i.revokedAt);
        const to = await recipients(invitations);
        await db.transaction().execute(async (trx) => {
          for (const inv of invitations) {
            await mail(
              to.get(inv.id) ?? [],
              `Invitation : ${campaign.title}`,
              invitationText(campaign, inv, 'invite'),
              trx,
            );
          }
          await store.markSent(campaignId, trx);
        });
      },
      [JOBS.reminder]: async ({ campaignId }: { campaignId: number }) => {
        const campaign = await store.findCampaign(campaignId);
        if (!campaign || campaignState(campaign) !== 'open') return;
        await sendReminders(campaign, null);
      },
      [JOBS.libraryDraft]: async ({ responseId }: { responseId: number }) => {
        if (!deps.library) return;
        await service.createLibraryDraft(null, responseId, { system: true });
      },
    } as Record<string, (payload: any) => Promise<void>>,
  };

  // -- respondents --------------------------------------------------------------------------------------------------

  async function respondent(
    kind: RespondentKind,
    campaign: CampaignRow,
    inv: InvitationRow | null,
    user: CurrentUser | null,
    basePath: string,
    anonymousHash: string | null,
  ): Promise<Respondent> {
    const state = campaignState(campaign);
    const response = inv
      ? await store.findResponseOf(campaign.id, inv.organisationId)
      : anonymousHash
        ? await store.findResponseByAnonymousHash(anonymousHash)
        : null;
    const ownResponse = response && response.campaignId === campaign.id ? response : null;
    const version = await versionOrThrow(ownResponse?.versionId ?? campaign.versionId);
    return {
      kind,
      campaign,
      state,
      version,
      authority: inv
        ? {
            organisationId: inv.organisationId,
            organisationName: inv.organisationName,
            organisationType: inv.organisationType,
            regionCode: inv.regionCode,
            departementCode: inv.departementCode,
          }
        : null,
      invitation: inv,
      response: ownResponse,
      basePath,
      user,
      anonymousHash,
    };
  }

  function closedMessage(r: Respondent): string {
    const closedAt = r.campaign.closedAt ?? r.campaign.closesAt;
    return `Le recensement « ${r.campaign.title} » est clos depuis le ${formatDate(closedAt, true)} : les réponses ne peuvent plus être modifiées. Ce qui a été enregistré avant la clôture est conservé.`;
  }

  function assertWritable(r: Respondent) {
    if (r.state === 'scheduled') {
      throw new HttpError(
        403,
        'campaign_not_open',
        `Le recensement « ${r.campaign.title} » ouvrira le ${formatDate(r.campaign.opensAt, true)}.`,
      );
    }
    if (r.state === 'closed') throw new HttpError(410, 'campaign_closed', closedMessage(r));
    if (r.response?.status === 'submitted') {
      throw new HttpError(409, 'response_submitted', 'Cette réponse a été envoyée. Rouvrez-la pour la modifier.');
    }
  }

  async function ensureResponse(r: Respondent, page: string | null): Promise<ResponseRow> {
    if (r.response) return r.response;
    if (r.kind === 'public' && !r.anonymousHash)
      throw new HttpError(400, 'bad_request', 'Session de réponse anonyme manquante : rechargez la page.');
    const created = await store.insertResponse({
      campaignId: r.campaign.id,
      versionId: r.campaign.versionId,
      authority: r.authority,
      anonymousTokenHash: r.kind === 'public' ? r.anonymousHash : null,
      userId: r.user?.id ?? null,
      currentPage: page,
    });
    r.response = created;
    return created;
  }

  /**
   * Writes a patch with optimistic concurrency: re-reads the response, merges (conflicting keys are left as they
   * are and reported), then updates only if nobody wrote in between; retries a few times under contention. The
   * campaign is re-read first, so that a save arriving after the closing is refused and nothing saved is lost.
   */
  async function persist(
    r: Respondent,
    baseVersion: number,
    patch: Record<string, AnswerValue | null>,
    options: { currentPage?: string; respondentEmail?: string },
  ): Promise<{ response: ResponseRow; conflicts: Conflict[] }> {
    const fresh = await store.findCampaign(r.campaign.id);
    if (!fresh) throw notFound("Cette campagne n'existe plus.");
    const state = campaignState(fresh);
    if (state !== 'open') {
      assertWritable({ ...r, campaign: fresh, state });
    }
    const questionnaire = r.version.content;
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = r.response
        ? await store.findResponse(r.response.id)
        : await ensureResponse(r, options.currentPage ?? null);
      if (!current) throw notFound("Cette réponse n'existe plus.");
      if (current.status === 'submitted')
        throw new HttpError(409, 'response_submitted', 'Cette réponse a été envoyée. Rouvrez-la pour la modifier.');
      const merged = mergeConcurrent(current, Math.min(baseVersion, current.version), patch);
      const pageChanged = options.currentPage !== undefined && options.currentPage !== current.currentPage;
      if (!merged.changed.length && !pageChanged && options.respondentEmail === undefined) {
        r.response = current;
        return { response: current, conflicts: merged.conflicts };
      }
      const size = JSON.stringify(merged.answers).length;
      if (size > MAX_ANSWERS_BYTES)
        throw new ValidationError({ questionnaire: 'Les réponses dépassent la taille autorisée (1 Mo).' });
      const pct = progress(questionnaire, merged.answers).percent;
      const ok = await store.saveAnswers(current.id, current.version, {
        answers: merged.answers,
        revisions: merged.revisions,
        currentPage: options.currentPage,
        progress: pct,
        userId: r.user?.id ?? null,
        ...(options.respondentEmail !== undefined ? { respondentEmail: options.respondentEmail || null } : {}),
      });
      if (ok) {
        const saved: ResponseRow = {
          ...current,
          answers: merged.answers,
          revisions: merged.revisions,
          version: current.version + 1,
          progress: pct,
          currentPage: options.currentPage ?? current.currentPage,
          updatedAt: now(),
        };
        r.response = saved;
        return { response: saved, conflicts: merged.conflicts };
      }
    }
    throw new ConflictError('Trop de modifications simultanées sur cette réponse : réessayez dans un instant.');
  }

  /** Reads an authority question: the picker's hidden id, or the typed name resolved when it is unambiguous. */
  async function resolveOrganisation(
    q: Question,
    form: Record<string, unknown>,
  ): Promise<{ value: AnswerValue | undefined; choices?: Organisation[]; error?: string }> {
    const pick = (v: unknown) =>
      typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[v.length - 1] ?? '').trim() : '';
    const id = pick(form[q.id]);
    const query = pick(form[`${q.id}.query`]);
    if (/^[1-9][0-9]{0,15}$/.test(id)) {
      const [org] = await deps.organisations.findByIds([Number(id)]);
      if (org) return { value: String(org.id) };
      return { value: undefined, error: MESSAGES.organisation };
    }
    if (!query) return { value: undefined };
    const found = await deps.organisations.list({ q: query }, { limit: 8, offset: 0 });
    if (found.rows.length === 1) return { value: String(found.rows[0]!.id) };
    if (found.rows.length === 0)
      return {
        value: undefined,
        error: `Aucune collectivité ne correspond à « ${query} » : essayez son nom, son code postal ou son SIREN.`,
      };
    return {
      value: undefined,
      choices: found.rows,
      error: `Plusieurs collectivités correspondent à « ${query} » : choisissez la vôtre.`,
    };
  }

  // -- mail ---------------------------------------------------------------------------------------------------------

  async function recipients(invitations: InvitationRow[]): Promise<Map<number, string[]>> {
    const members = await deps.organisations.contactEmails([...new Set(invitations.map((i) => i.organisationId))]);
    return new Map(
      invitations.map((i) => [i.id, [...new Set([...i.contactEmails, ...(members.get(i.organisationId) ?? [])])]]),
    );
  }

  function invitationText(campaign: CampaignRow, inv: InvitationRow, kind: 'invite' | 'remind' | 'renew'): string {
    const link = invitationLink(inv);
    const intro =
      kind === 'invite'
        ? `Le réseau invite ${inv.organisationName} à répondre au recensement « ${campaign.title} ».`
        : kind === 'remind'
          ? `Rappel : la réponse de ${inv.organisationName} au recensement « ${campaign.title} » n'a pas encore été envoyée.`
          : `Voici le nouveau lien de ${inv.organisationName} pour le recensement « ${campaign.title} ». L'ancien lien ne fonctionne plus.`;
    return [
      'Bonjour,',
      '',
      intro,
      campaign.description ? `\n${campaign.description}\n` : '',
      `Répondre : ${link}`,
      '',
      `Le recensement est ouvert jusqu'au ${formatDate(campaign.closesAt, true)}.`,
      "Ce lien est personnel à votre collectivité : plusieurs agents peuvent l'utiliser pour compléter la même réponse, qui est enregistrée au fur et à mesure. Ne le transmettez qu'à vos collègues.",
      '',
      'Vous pouvez aussi répondre en vous connectant à la plateforme avec votre compte, depuis « Mes recensements ».',
      '',
      '— Bibliothèque IA des territoires',
    ].join('\n');
  }

  function receiptText(r: Respondent, at: string): string {
    const link = r.kind === 'invitation' && r.invitation ? invitationLink(r.invitation) : `${baseUrl}${r.basePath}`;
    return [
      'Bonjour,',
      '',
      `Nous avons bien reçu la réponse${r.authority ? ` de ${r.authority.organisationName}` : ''} au recensement « ${r.campaign.title} », envoyée le ${formatDate(at, true)}.`,
      '',
      `Vous pouvez relire vos réponses${r.kind === 'public' ? '' : ` et les rouvrir pour les modifier jusqu'au ${formatDate(r.campaign.closesAt, true)}`} : ${link}`,
      '',
      'Merci pour votre participation.',
      '',
      '— Bibliothèque IA des territoires',
    ].join('\n');
  }

  async function sendReminders(campaign: CampaignRow, ids: number[] | null): Promise<number> {
    const followUp = await store.followUp(campaign.id);
    const targets = followUp.filter(
      (f) => !f.revokedAt && f.status !== 'submitted' && (!ids || ids.includes(f.invitationId)),
    );
    if (!targets.length) return 0;
    const invitations = await store.listInvitations(
      campaign.id,
      targets.map((t) => t.invitationId),
    );
    const to = await recipients(invitations);
    let sent = 0;
    await db.transaction().execute(async (trx) => {
      for (const inv of invitations) {
        const addresses = to.get(inv.id) ?? [];
        if (!addresses.length) continue;
        await mail(addresses, `Rappel : ${campaign.title}`, invitationText(campaign, inv, 'remind'), trx);
        sent++;
      }
      await store.markReminded(
        invitations.filter((i) => (to.get(i.id) ?? []).length).map((i) => i.id),
        trx,
      );
    });
    return sent;
  }

  return service;
}

export type QuestionnairesService = ReturnType<typeof createQuestionnairesService>;

/** Which questions of a version are visible, and the page-by-page path through it, for these answers. */
export function answeringPath(questionnaire: Questionnaire, answers: Answers) {
  const visible = visibleElementIds(questionnaire, answers);
  const pages = questionnaire.pages.filter((p) => p.elements.some((e) => visible.has(e.id)));
  return { visible, pages };
}
