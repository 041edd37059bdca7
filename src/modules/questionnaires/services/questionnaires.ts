/**
 * Questionnaires: building (a draft edited with optimistic concurrency), publishing immutable versions, archiving,
 * import and export (our format and SurveyJS's), the catalogue shipped with the product, the public API's reads.
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { runInWorker } from '../../../platform/worker/run.ts';
import { BuilderError, blankForm, type Form, type ReportEntry, toSurveyJs, validateForm } from '../../forms/index.ts';
import { CATALOGUE } from '../catalogue/index.ts';
import { authorizeOr } from '../policy.ts';
import type { QuestionnaireVersion } from '../records.ts';
import { issuesToFields, questionnaireOrThrow, type ServiceDeps, who } from './context.ts';
import { type ImportFormat, type ReadQuestionnaireResult, readQuestionnaireFile } from './import-file.ts';
import { storeImportedDraft, type WorkerImportResult } from './import-worker.ts';

const MANAGE = { forbidden: 'Seuls les coordinateurs du réseau peuvent gérer les questionnaires.' };

export type ExportFormat = 'native' | 'surveyjs';

/** Files larger than this are read in a worker thread (parsing and validating them would stall the server). */
const WORKER_THRESHOLD = 64 * 1024;

/** Reads a questionnaire file: inline when small, in a worker thread when large. */
async function readFile(input: { format: ImportFormat; text: string }): Promise<ReadQuestionnaireResult> {
  if (input.text.length <= WORKER_THRESHOLD) return readQuestionnaireFile(input);
  return runInWorker<ReadQuestionnaireResult>(
    new URL('./import-file.ts', import.meta.url),
    'readQuestionnaireFile',
    input,
  );
}

export function createQuestionnaireService(deps: ServiceDeps) {
  const { db, store, audit, clock } = deps;

  /** Creates a questionnaire from a valid form (published as version 1 when asked). */
  async function create(
    actor: CurrentUser | null,
    draft: Form,
    options: { catalogueKey?: string; publish?: boolean } = {},
  ): Promise<number> {
    const result = validateForm(draft);
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
          action: 'questionnaire.created',
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
    /** Questionnaires not archived, most recently changed first, with their number of campaigns. */
    async list(actor: CurrentUser | null) {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      return store.listQuestionnaires();
    },

    /** Everything the builder shows: the draft, its versions and campaigns, whether it changed since publication. */
    async get(actor: CurrentUser | null, id: number) {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      const q = await questionnaireOrThrow(store, id);
      const [versions, campaigns] = await Promise.all([
        store.listVersions(id),
        store.listCampaigns({ questionnaireId: id }),
      ]);
      const latest = versions[0] ?? null;
      const draftValid = validateForm(q.draft);
      return {
        questionnaire: q,
        versions,
        campaigns,
        unpublishedChanges: !latest || JSON.stringify(latest.content) !== JSON.stringify(q.draft),
        issues: draftValid.ok ? [] : draftValid.issues,
      };
    },

    async createBlank(actor: CurrentUser | null, title: string): Promise<number> {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      const t = title.trim();
      if (!t) throw new ValidationError({ title: 'Saisissez le titre du questionnaire.' });
      if (t.length > 200) throw new ValidationError({ title: 'Le titre dépasse 200 caractères.' });
      return create(actor, blankForm(t));
    },

    /** Imports a file in our format or SurveyJS's; returns the new questionnaire and what could not be mapped. */
    async importFile(
      actor: CurrentUser | null,
      input: { format: ImportFormat; text: string },
    ): Promise<{ id: number; report: ReportEntry[] }> {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      if (deps.workerDatabaseUrl && input.text.length > WORKER_THRESHOLD) {
        // SQLite writes run on the calling thread: a large file is read AND stored by the worker (its own connection).
        const done = await runInWorker<WorkerImportResult>(
          new URL('./import-worker.ts', import.meta.url),
          'importQuestionnaireInWorker',
          { ...input, databaseUrl: deps.workerDatabaseUrl, createdBy: who(actor), at: clock.iso() },
        );
        if (!done.ok) throw new ValidationError(done.fields, done.message);
        return { id: done.id, report: done.report };
      }
      const read = await readFile(input);
      if (!read.ok) throw new ValidationError(read.fields, read.message);
      const id = await storeImportedDraft(db, { store, audit }, who(actor), { title: read.title, json: read.json });
      return { id, report: read.report };
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
        ids.push(await create(null, entry.questionnaire, { catalogueKey: entry.key, publish: true }));
        log(`Questionnaire « ${entry.questionnaire.title} » installé.`);
      }
      return ids;
    },

    /** The id of the questionnaire installed from the catalogue under `key`, if any (demo content, tests). */
    async catalogueId(key: string): Promise<number | null> {
      return (await store.findByCatalogueKey(key))?.id ?? null;
    },

    /**
     * Saves the builder's working copy. `revision` is the draft revision the editor started from: a stale save
     * is refused with a conflict (two coordinators never overwrite each other silently).
     */
    async saveDraft(actor: CurrentUser | null, id: number, revision: number, draft: Form): Promise<number> {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      const q = await questionnaireOrThrow(store, id);
      const result = validateForm(draft);
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
      op: (draft: Form) => Form,
    ): Promise<number> {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      const q = await questionnaireOrThrow(store, id);
      let next: Form;
      try {
        next = op(q.draft);
      } catch (e) {
        if (e instanceof BuilderError) throw new ValidationError({ questionnaire: e.message }, e.message);
        throw e;
      }
      return service.saveDraft(actor, id, revision, next);
    },

    /** Publishes the draft as a new, immutable version. */
    async publish(actor: CurrentUser | null, id: number, revision: number): Promise<QuestionnaireVersion> {
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      const q = await questionnaireOrThrow(store, id);
      if (q.draftRevision !== revision)
        throw new ConflictError('Le questionnaire a été modifié entre-temps : relisez-le avant de publier.', q.draft);
      const result = validateForm(q.draft);
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
          { questionnaireId: id, number, content: q.draft, publishedBy: who(actor) },
          trx,
        );
        await audit.record(
          {
            actorUserId: who(actor),
            action: 'questionnaire.published',
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
      authorizeOr(MANAGE, actor, 'questionnaire.manage');
      await questionnaireOrThrow(store, id);
      await db.transaction().execute(async (trx) => {
        await store.archiveQuestionnaire(id, trx);
        await audit.record(
          { actorUserId: who(actor), action: 'questionnaire.archived', subjectType: 'questionnaire', subjectId: id },
          trx,
        );
      });
    },

    /**
     * A questionnaire as a file: a published version (latest when `version` is omitted; public) or, for
     * coordinators, the draft (`version: 'draft'`).
     */
    async exportFile(
      actor: CurrentUser | null,
      id: number,
      options: { format: ExportFormat; version?: number | 'draft' },
    ): Promise<{ json: unknown; report: ReportEntry[]; filename: string }> {
      const q = await questionnaireOrThrow(store, id);
      let content: Form;
      let label: string;
      if (options.version === 'draft') {
        authorizeOr(MANAGE, actor, 'questionnaire.manage');
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
        url: `${deps.links.baseUrl}/api/v1/questionnaires/${q.id}`,
      }));
    },

    /** A published version (the latest by default), in our format, for the public API. */
    async published(id: number, version?: number): Promise<Form> {
      const q = await questionnaireOrThrow(store, id);
      const v = await store.findVersionByNumber(id, version ?? q.latestVersion);
      if (!v)
        throw notFound(
          version ? `Ce questionnaire n'a pas de version ${version}.` : "Ce questionnaire n'a pas encore été publié.",
        );
      return { id, version: v.number, ...v.content };
    },
  };
  return service;
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
