/**
 * The organisations module: authorities (collectivités) from the official geographic code and other public bodies,
 * their directory (a catalogue of the platform's read-model: list, search, filters, the picker's JSON API), their
 * pages, and people's memberships (join requests, decisions, roles). This file is the module's only public surface.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { organisationsE2ePages } from './e2e.ts';
import { organisationsRoutes } from './http/routes.ts';
import type {
  DivisionMaps,
  Membership,
  MembershipRole,
  Organisation,
  OrganisationFilter,
  OrganisationType,
} from './model.ts';
import type { Contact, ContactInput, Network, OrganisationChange } from './model-contacts.ts';
import { rules } from './policy.ts';
import type { OrganisationsPorts } from './ports.ts';
import {
  type ContactMessageInput,
  type ContactMessageTarget,
  createContactEditorsService,
} from './services/contact-editors.ts';
import { createContactsService } from './services/contacts.ts';
import { MAIL_JOB, type OrganisationsContext } from './services/context.ts';
import { seedDemo } from './services/demo.ts';
import { createDirectoryService } from './services/directory.ts';
import { createGeographyService } from './services/geography.ts';
import { createImportsService } from './services/imports.ts';
import { createMembersDirectory, type PersonAuthority } from './services/members-directory.ts';
import { createMembershipsService } from './services/memberships.ts';
import { createNetworksService } from './services/networks.ts';
import { createOtherBodiesService } from './services/other-bodies.ts';
import { createPagesService } from './services/pages.ts';
import { seedReferencePartners } from './services/partners.ts';
import { createProfileService, type IdentifierUpdate, type IdentifierUpdateReport } from './services/profile.ts';
import { createWorkService } from './services/work.ts';
import { createContactsStore } from './store/contacts.ts';
import { createMembershipsStore } from './store/memberships.ts';
import { createNetworksStore } from './store/networks.ts';
import { createOrganisationsStore, type NewOrganisation } from './store/organisations.ts';
import { createProfilesStore } from './store/profiles.ts';

export type { GeoOrganisation } from './geo.ts';
export { geographyVersion, loadGeography } from './geo.ts';
export type {
  Division,
  DivisionMaps,
  IdentifierResult,
  Membership,
  MembershipRole,
  MembershipStatus,
  Organisation,
  OrganisationFilter,
  OrganisationJson,
  OrganisationSort,
  OrganisationType,
} from './model.ts';
export {
  foldText,
  formatSiren,
  formatSiret,
  importedBodyCode,
  isMembershipRole,
  isOrganisationType,
  isPartnerType,
  luhnValid,
  MEMBERSHIP_ROLES,
  membershipRoleLabel,
  normaliseIdentifier,
  ORGANISATION_TYPE_CODES,
  ORGANISATION_TYPES,
  organisationContext,
  organisationTypeLabel,
  PARTNER_TYPES,
  parseOrganisationQuery,
  searchText,
  sirenOfSiret,
  validateSiren,
  validateSiret,
} from './model.ts';
export type {
  Contact,
  ContactInput,
  EditableField,
  Network,
  OrganisationChange,
  OrganisationFields,
} from './model-contacts.ts';
export { isEmail, siretProblem } from './model-contacts.ts';
export type { AuthorityUseCases, CsvReading, OrganisationsPorts, Person } from './ports.ts';
export {
  type ContactMessageInput,
  type ContactMessageTarget,
  checkContactMessage,
} from './services/contact-editors.ts';
export { MAIL_JOB } from './services/context.ts';
export type { ImportLineError, ImportReport } from './services/imports.ts';
export type { PersonAuthority } from './services/members-directory.ts';
export type { IdentifierUpdate, IdentifierUpdateReport } from './services/profile.ts';
export type { NewOrganisation } from './store/organisations.ts';

/** What other modules (and the command line, seeds and tests) may ask of organisations. */
export interface OrganisationsApi {
  /** An organisation by id, or a 404 in French. */
  get(id: number): Promise<Organisation>;
  /** Organisations by id, in the order asked (unknown ids left out). */
  findByIds(ids: readonly number[]): Promise<Organisation[]>;
  /** By stable code (« commune:69123 »), in the caller's transaction when given. */
  findByCode(code: string, trx?: Db): Promise<Organisation | null>;
  findBySiren(siren: string): Promise<Organisation[]>;
  /** Organisations having one of these SIRENs (imports match thousands at once), by id. */
  findBySirens(sirens: readonly string[]): Promise<Organisation[]>;
  /**
   * The directory: organisations matching a filter (words starting the name or codes, type, région,
   * département), by relevance with a query, else by population or name; with the total.
   */
  list(
    filter: OrganisationFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: Organisation[] }>;
  /** Départements and régions, by code and as lists. */
  divisions(): Promise<DivisionMaps>;
  /** Organisations by type (every source). */
  countByType(): Promise<Record<string, number>>;
  /**
   * The body of an imported row: found by its stable code or created (source « import »), in the caller's
   * transaction. Match by SIREN first with `findBySiren`.
   */
  findOrCreateImported(
    org: { name: string; type: OrganisationType | null; siren: string | null; siret: string | null; country: string },
    trx: Db,
  ): Promise<{ id: number; created: boolean }>;
  /** E-mail addresses of an authority's active members (any role). */
  memberEmails(organisationId: number): Promise<string[]>;
  /** E-mail addresses of the active members of several authorities (disabled accounts left out), by authority. */
  contactEmails(organisationIds: number[]): Promise<Map<number, string[]>>;
  /**
   * The contacts of several authorities (every asked id present, possibly with an empty list), by authority: whom
   * census invitations reach besides the registered members. Every contact has an e-mail.
   */
  contactsOf(organisationIds: readonly number[]): Promise<Map<number, Contact[]>>;
  /** Every network, by name, with its number of members. */
  networks(): Promise<Network[]>;
  /** A network, or a 404 in French. */
  network(networkId: number): Promise<Network>;
  /** Ids of a network's member authorities, ascending (an unknown network has none). */
  networkMemberIds(networkId: number): Promise<number[]>;
  /** The networks an authority belongs to, by name. */
  networksOf(organisationId: number): Promise<{ id: number; name: string }[]>;
  /**
   * Keeps the siège SIRETs given by an import or a form: each checked (control key, the authority's SIREN as
   * prefix), written when the authority has none (or always with `replace`), put in its history with `source`.
   * In the caller's transaction when given. Never throws for a bad SIRET: the report says why.
   */
  updateIdentifiers(
    updates: readonly IdentifierUpdate[],
    meta: { source: string; actorUserId?: number | null; replace?: boolean },
    trx?: Db,
  ): Promise<IdentifierUpdateReport>;
  /** An authority's history of identifier and public-field changes, newest first. */
  historyOf(organisationId: number): Promise<OrganisationChange[]>;
  /** Test factories and demo seed: a contact as given, without audit; its id. */
  addContact(organisationId: number, input: ContactInput, source?: string): Promise<number>;
  /** Creates (or renames) the reference networks: France urbaine, Les Interconnectés, Intercommunalités de France. */
  ensureReferenceNetworks(): Promise<Network[]>;
  /** Test factories and demo seed: makes authorities members of a network (by the network's code). */
  addNetworkMembers(networkCode: string, organisationIds: readonly number[]): Promise<number>;
  /** A person's active memberships (the signed-in user of each request). */
  activeRolesOfUser(userId: number): Promise<CurrentUser['memberships']>;
  /** A person's authorities and requests (their account page). */
  authoritiesOf(userId: number): Promise<PersonAuthority[]>;
  /** `actor`'s membership of an authority or request to join it, if any. */
  membershipOf(actor: CurrentUser | null, organisationId: number): Promise<Membership | null>;
  /**
   * « Contacter l'équipe » (sheets, commons entries…): a signed-in person writes to the editors of these bodies
   * through the platform (their addresses never shown, the sender's given as reply-to; rate-limited, audited without
   * the text). French field errors (ValidationError), 401 without a person, 429 past the hourly limit. Returns how
   * many people receive it.
   */
  contactEditors(actor: CurrentUser | null, target: ContactMessageTarget, input: ContactMessageInput): Promise<number>;
  /** The addresses of the active editors of these bodies (disabled accounts left out), without duplicates. */
  editorEmails(organisationIds: readonly number[]): Promise<string[]>;
  /** Makes someone an active member with a role (coordinators and administrators; demo seed). */
  setMembership(
    actor: CurrentUser | null,
    input: { userId: number; organisationId: number; role: MembershipRole },
  ): Promise<Membership>;
  /** Loads the geographic code when it is missing or its version changed; true when it loaded it. */
  ensureGeography(log?: (line: string) => void): Promise<boolean>;
  /** Loads (or refreshes) the geographic code. */
  loadGeography(log?: (line: string) => void): Promise<{ rows: number; ms: number }>;
  /** Test factories and fixtures: an organisation as given (code « test:… » unless given), without audit. */
  createOrganisation(input: NewOrganisation): Promise<number>;
  /** Test factories and fixtures: a membership as given (active unless said), without mail nor audit; its id. */
  addMember(input: {
    userId: number;
    organisationId: number;
    role?: MembershipRole;
    status?: 'pending' | 'active' | 'refused';
    message?: string;
  }): Promise<number>;
}

export function createOrganisationsModule(
  platform: Platform,
  ports: OrganisationsPorts,
): ModuleDefinition<OrganisationsApi> {
  const { db, dialect, clock, audit, jobs, events, config } = platform;
  const context: OrganisationsContext = {
    db,
    dialect,
    clock,
    audit,
    jobs,
    events,
    baseUrl: config.baseUrl.replace(/\/$/, ''),
    organisations: createOrganisationsStore(db, clock),
    memberships: createMembershipsStore(db, clock),
    contacts: createContactsStore(db, clock),
    networks: createNetworksStore(db, clock),
    profiles: createProfilesStore(db, clock),
    ports,
  };
  const directory = createDirectoryService(context);
  const members = createMembersDirectory(context);
  const memberships = createMembershipsService(context, directory.get);
  const otherBodies = createOtherBodiesService(context, {
    divisions: directory.divisions,
    organisation: directory.get,
  });
  const geography = createGeographyService(context, { loaded: directory.forgetDivisions });
  const pages = createPagesService(context, directory);
  const contacts = createContactsService(context);
  const networks = createNetworksService(context);
  const profile = createProfileService(context);
  const imports = createImportsService(context);
  const contactEditors = createContactEditorsService(context);
  let factoryCodes = 0;

  const api: OrganisationsApi = {
    get: directory.get,
    findByIds: (ids) => context.organisations.findByIds(ids),
    findByCode: (code, trx) => context.organisations.findByCode(code, trx),
    findBySiren: (siren) => context.organisations.findBySiren(siren),
    findBySirens: (sirens) => context.organisations.findBySirens(sirens),
    list: directory.list,
    divisions: directory.divisions,
    countByType: geography.countByType,
    findOrCreateImported: otherBodies.findOrCreateImported,
    contactsOf: contacts.contactsOf,
    networks: networks.list,
    network: networks.networkOf,
    networkMemberIds: networks.memberIds,
    networksOf: networks.networksOf,
    updateIdentifiers: profile.updateIdentifiers,
    historyOf: (organisationId) => context.profiles.changesOf(organisationId),
    contactEditors: contactEditors.contactEditors,
    editorEmails: contactEditors.editorAddresses,
    addContact: (organisationId, input, source = 'saisie') =>
      db
        .transaction()
        .execute((trx) =>
          context.contacts.insert(
            trx,
            organisationId,
            { ...input, email: input.email.toLowerCase() },
            { source, createdBy: null },
          ),
        ),
    async ensureReferenceNetworks() {
      await networks.seedReference();
      return networks.list();
    },
    async addNetworkMembers(networkCode, organisationIds) {
      const network = (await networks.list()).find((n) => n.code === networkCode);
      if (!network) throw new Error(`réseau inconnu : ${networkCode}`);
      return db.transaction().execute((trx) => context.networks.addMembers(trx, network.id, organisationIds, 'saisie'));
    },
    memberEmails: members.memberEmails,
    contactEmails: members.contactEmails,
    activeRolesOfUser: members.activeRolesOfUser,
    authoritiesOf: members.authoritiesOf,
    membershipOf: memberships.membershipOf,
    setMembership: memberships.setMembership,
    ensureGeography: geography.ensure,
    loadGeography: geography.load,
    createOrganisation: (input) =>
      context.organisations.insertGiven(input, input.code ?? `test:${++factoryCodes}:${clock.millis()}`),
    addMember: (input) =>
      context.memberships.insertRequest({
        userId: input.userId,
        organisationId: input.organisationId,
        role: input.role ?? 'member',
        status: input.status ?? 'active',
        message: input.message ?? '',
      }),
  };

  return {
    name: 'organisations',
    api,
    routes: organisationsRoutes({ directory, pages, memberships, otherBodies, contacts, networks, profile, imports }),
    jobs: { [MAIL_JOB]: (mail) => platform.mailer.send(mail) },
    rules,
    navigation: [{ href: '/collectivites', label: 'Collectivités', order: 40 }],
    work: createWorkService(memberships).work,
    hubLinks: {
      coordination: [
        {
          href: '/collectivites/demandes',
          label: "Demandes d'adhésion",
          description: 'Accepter ou refuser les agents qui demandent à rejoindre une collectivité.',
        },
      ],
      admin: [
        {
          href: '/collectivites/demandes',
          label: 'Demandes d’adhésion',
          description: 'Accepter ou refuser les agents qui demandent à rejoindre une collectivité.',
        },
        {
          href: '/admin/collectivites/nouvelle',
          label: 'Ajouter un organisme',
          description:
            'Laboratoire de l’État, opérateur, association, entreprise… (SIREN ou SIRET vérifié, sauf laboratoire).',
        },
      ],
    },
    seed: {
      reference: async ({ log }) => {
        await geography.ensure(log);
        await networks.seedReference();
        const labs = await seedReferencePartners(context);
        if (labs) log(`Laboratoires de l'État ajoutés : ${labs}.`);
      },
      demo: ({ log }) => seedDemo(context, { directory, networks }, log),
    },
    personalData: {
      // Memberships and requests, the contacts having the person's address, the networks they coordinate.
      async export(userId) {
        const [person] = await ports.people.findUsers([userId]);
        return {
          memberships: await members.exportPersonalData(userId),
          contacts: person ? await contacts.exportPersonalData(person.email) : [],
          networksCoordinated: await networks.exportPersonalData(userId),
        };
      },
      async erase(userId, trx) {
        await members.erasePersonalData(userId, trx);
        await contacts.eraseForAccount(userId, trx);
        await networks.erasePersonalData(userId, trx);
      },
    },
    commands: {
      'organisations:load': {
        summary:
          'Charge ou met à jour le code géographique officiel (communes, intercommunalités, départements, régions).',
        usage: 'organisations:load',
        async run() {
          await geography.load((line) => console.log(line));
          const counts = await geography.countByType();
          const total = Object.values(counts).reduce((a, b) => a + b, 0);
          console.log(
            `Organisations en base : ${total} (${Object.entries(counts)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ')}).`,
          );
          return 0;
        },
      },
    },
    e2ePages: organisationsE2ePages,
    close: directory.close,
  };
}
