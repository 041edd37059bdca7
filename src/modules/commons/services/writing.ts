/**
 * Writing commons: reading the entry form (the one form reader, French field messages), resolving the organisations
 * and sheets it names through the ports, creating and editing entries (optimistic concurrency), posting news. Every
 * entry point authorises first and acts in one transaction that also updates the search document.
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
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
  type CommonsInput,
  type CommonsRecord,
  isCalendarDate,
  KIND_CODES,
  LIMITS,
  linkProblem,
  readLicence,
  readOrganisationRefs,
  readSheetRefs,
  STATUS_CODES,
  THEME_CODES,
} from '../model.ts';
import type { CommonsPorts } from '../ports.ts';
import type { CommonsStore } from '../store.ts';

/** The entry form's plain fields (organisations, sheets and links are read beside them). */
export const EntryForm = formFields({
  nom: textField('Nom', { required: true, maxLength: LIMITS.name }),
  resume: textField('Résumé', { required: true, maxLength: LIMITS.summary }),
  type: choiceField('Type de commun', KIND_CODES, { required: true }),
  statut: choiceField('Statut', STATUS_CODES, { required: true }),
  themes: listField('Thèmes', { allowed: THEME_CODES }),
  categorie: choiceField('Catégorie de commun', CATEGORY_CODES),
});

export const NewsForm = formFields({
  date: textField('Date', {
    required: true,
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    patternMessage: 'Date : au format AAAA-MM-JJ.',
  }),
  titre: textField('Titre de l’actualité', { required: true, maxLength: LIMITS.newsTitle }),
  texte: textField('Texte', { maxLength: LIMITS.newsBody }),
  publication: textField('Numéro de version publiée', { maxLength: 50 }),
});

const LINKS = [
  ['depot', 'repositoryUrl', 'Dépôt du code ou des données'],
  ['telechargement', 'downloadUrl', 'Téléchargement'],
  ['documentation', 'documentationUrl', 'Documentation'],
] as const;

/** The form's values as typed (to show the form again with its errors). */
export type EntryFormValues = Record<string, string | string[]>;

export function formValuesOf(body: FormBody): EntryFormValues {
  const values: EntryFormValues = {};
  for (const [k, v] of Object.entries(body))
    if (!k.startsWith('_')) values[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  values.themes = list(body, 'themes');
  values.mainteneurs = list(body, 'mainteneurs');
  return values;
}

/** The user recorded as author (null for the command line, whose actor has id 0). */
const who = (actor: CurrentUser): number | null => (actor.id > 0 ? actor.id : null);

export function createWritingService(deps: {
  platform: Platform;
  store: CommonsStore;
  ports: CommonsPorts;
  search: SearchIndex;
  touched: () => void;
}) {
  const { platform, store, ports, search } = deps;

  async function resolveOrganisations(label: string, field: string, refs: string[], errors: Record<string, string>) {
    const ids: number[] = [];
    const unknown: string[] = [];
    for (const ref of refs) {
      const byCode = ref.includes(':') ? await ports.organisations.findByCode(ref) : null;
      const bySiren =
        !byCode && /^\d{9}$/.test(ref.replace(/\s/g, ''))
          ? await ports.organisations.findBySiren(ref.replace(/\s/g, ''))
          : [];
      const found = byCode ?? (bySiren.length === 1 ? bySiren[0] : null);
      if (found) ids.push(found.id);
      else unknown.push(ref);
    }
    if (unknown.length)
      errors[field] =
        `${label} : « ${unknown.slice(0, 3).join(' », « ')} » ne correspond à aucun organisme connu (indiquez son code, par exemple commune:44109, ou son SIREN à 9 chiffres).`;
    return ids;
  }

  /** The maintainers chosen (own authorities ticked, others by code or SIREN), checked against who may name them. */
  async function readMaintainers(
    actor: CurrentUser,
    body: FormBody,
    current: CommonsRecord | null,
    errors: Record<string, string>,
  ): Promise<number[]> {
    const chosen = list(body, 'mainteneurs')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const others = await resolveOrganisations(
      'Autres organismes mainteneurs',
      'autres_mainteneurs',
      readOrganisationRefs(text(body, 'autres_mainteneurs')),
      errors,
    );
    const maintainerIds = [...new Set([...chosen, ...others])];
    const before = new Set(current?.maintainerIds ?? []);
    const refused = maintainerIds.filter(
      (id) => !before.has(id) && !can(actor, 'commons.name_maintainer', { organisationId: id }),
    );
    if (refused.length)
      errors.mainteneurs =
        'Organismes mainteneurs : vous ne pouvez nommer que les organismes dont vous êtes membre (un coordinateur peut en ajouter d’autres).';
    else if (!maintainerIds.length && !errors.autres_mainteneurs)
      errors.mainteneurs = 'Indiquez au moins un organisme qui maintient ce commun.';
    return maintainerIds;
  }

  /** Reads the entry form into an input, or throws a ValidationError with one French message per wrong field. */
  async function readEntry(actor: CurrentUser, body: FormBody, current: CommonsRecord | null): Promise<CommonsInput> {
    const { values, errors } = EntryForm.read(body);
    const links: Record<string, string | null> = {};
    for (const [field, key, label] of LINKS) {
      const v = text(body, field).trim();
      const problem = v ? linkProblem(label, v) : null;
      if (problem) errors[field] = problem;
      links[key] = v || null;
    }
    const licence = readLicence(text(body, 'licence'));
    if ('error' in licence) errors.licence = licence.error;

    const maintainerIds = await readMaintainers(actor, body, current, errors);
    const userIds = await resolveOrganisations(
      'Collectivités qui l’utilisent',
      'utilisateurs',
      readOrganisationRefs(text(body, 'utilisateurs')),
      errors,
    );
    const contributorIds = await resolveOrganisations(
      'Organismes qui y contribuent',
      'contributeurs',
      readOrganisationRefs(text(body, 'contributeurs')),
      errors,
    );
    const sheets = readSheetRefs(text(body, 'fiches'));
    if (sheets.wrong.length)
      errors.fiches = `Fiches qui l’utilisent : « ${sheets.wrong.slice(0, 3).join(' », « ')} » n’est pas un numéro ni une adresse de fiche.`;
    else if (sheets.ids.length) {
      const found = new Set((await ports.useCases.publishedByIds(sheets.ids)).map((s) => s.id));
      const missing = sheets.ids.filter((id) => !found.has(id));
      if (missing.length)
        errors.fiches = `Fiches qui l’utilisent : aucune fiche publiée ne porte le numéro ${missing.slice(0, 3).join(', ')}.`;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return {
      name: values.nom,
      summary: values.resume,
      kind: values.type!,
      status: values.statut!,
      licence: 'value' in licence ? licence.value : null,
      repositoryUrl: links.repositoryUrl ?? null,
      downloadUrl: links.downloadUrl ?? null,
      documentationUrl: links.documentationUrl ?? null,
      themes: values.themes,
      commonsCategory: values.categorie,
      maintainerIds,
      userIds,
      contributorIds,
      useCaseIds: sheets.ids,
    };
  }

  async function indexEntry(trx: Db, id: number, input: CommonsInput) {
    await search.withDb(trx).upsert({
      kind: 'commons',
      id,
      title: input.name,
      body: [input.summary, input.licence ?? ''].join('\n'),
    });
  }

  async function get(id: number, on?: Db): Promise<CommonsRecord> {
    const found = await store.find(id, on);
    if (!found) throw notFound('Ce commun est introuvable.');
    return found;
  }

  return {
    readEntry,
    /** The maintainers of a form (the publiccode.yml import), or a ValidationError. */
    async maintainersOf(actor: CurrentUser, body: FormBody): Promise<number[]> {
      const errors: Record<string, string> = {};
      const ids = await readMaintainers(actor, body, null, errors);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      return ids;
    },
    get,
    /** Creates an entry from an input already read (the form, the publiccode.yml import). */
    async create(actor: CurrentUser, input: CommonsInput, via: 'form' | 'publiccode' = 'form'): Promise<number> {
      authorize(actor, 'commons.create');
      for (const organisationId of input.maintainerIds) authorize(actor, 'commons.name_maintainer', { organisationId });
      const id = await platform.db.transaction().execute(async (trx) => {
        const id = await store.insert(trx, input, who(actor), platform.clock.iso());
        await indexEntry(trx, id, input);
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'commons.created',
            subjectType: 'commons',
            subjectId: id,
            details: { via },
          },
          trx,
        );
        return id;
      });
      deps.touched();
      return id;
    },
    async createFromForm(actor: CurrentUser, body: FormBody): Promise<number> {
      authorize(actor, 'commons.create');
      return this.create(actor, await readEntry(actor, body, null));
    },
    /** Checks that `actor` may edit the entry (404 when it does not exist). */
    async editable(actor: Actor, id: number): Promise<CommonsRecord> {
      const entry = await get(id);
      authorize(actor, 'commons.write', { maintainerIds: entry.maintainerIds });
      return entry;
    },
    async update(actor: CurrentUser, id: number, version: number, input: CommonsInput, via = 'form'): Promise<void> {
      await platform.db.transaction().execute(async (trx) => {
        const entry = await get(id, trx);
        authorize(actor, 'commons.write', { maintainerIds: entry.maintainerIds });
        const ok = await store.update(trx, id, version, input, who(actor), platform.clock.iso());
        if (!ok)
          throw new ConflictError(
            'Ce commun a été modifié par quelqu’un d’autre pendant que vous l’éditiez : rechargez la page pour voir sa version actuelle.',
            entry,
          );
        await indexEntry(trx, id, input);
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'commons.updated',
            subjectType: 'commons',
            subjectId: id,
            details: { via },
          },
          trx,
        );
      });
      deps.touched();
    },
    async updateFromForm(actor: CurrentUser, id: number, body: FormBody): Promise<void> {
      const entry = await this.editable(actor, id);
      const version = Number(text(body, 'version')) || 0;
      const input = await readEntry(actor, body, entry);
      await this.update(actor, id, version, { ...input, contacts: entry.contacts });
    },
    async addNews(actor: CurrentUser, id: number, body: FormBody): Promise<void> {
      const entry = await this.editable(actor, id);
      const { values, errors } = NewsForm.read(body);
      if (!errors.date && !isCalendarDate(values.date)) errors.date = `Date : le ${values.date} n’existe pas.`;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await platform.db.transaction().execute(async (trx) => {
        await store.addNews(
          trx,
          {
            commonsId: entry.id,
            date: values.date,
            title: values.titre,
            body: values.texte,
            release: values.publication || null,
          },
          who(actor),
          platform.clock.iso(),
        );
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'commons_news.posted',
            subjectType: 'commons',
            subjectId: id,
            details: {},
          },
          trx,
        );
      });
      deps.touched();
    },
  };
}
export type WritingService = ReturnType<typeof createWritingService>;
