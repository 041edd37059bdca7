/**
 * What the questionnaires module needs from other modules, wired in src/modules/index.ts from their `api`:
 * the organisations directory (who is invited, whom invitations are mailed to, the authority questions) and the
 * library (the coordinator's one-click « create the draft use case » from a census response).
 */
import type { Answers, Form } from '../forms/index.ts';
import type { UseCaseDraftContent } from './library-mapping.ts';

/** An organisation as this module reads it from the directory. */
export interface DirectoryOrganisation {
  id: number;
  name: string;
  /** Code of the organisation type (`commune`, `metropole`…). */
  type: string;
  regionCode: string | null;
  departementCode: string | null;
  siren: string | null;
  /** INSEE code of a commune (COG), when the directory knows it. */
  inseeCode?: string | null;
  postcodes: string[];
}

export interface DirectoryFilter {
  /** Name, postcode, INSEE code or SIREN. */
  q?: string;
  type?: string;
  regionCode?: string;
  departementCode?: string;
}

export interface OrganisationDirectory {
  findByIds(ids: number[]): Promise<DirectoryOrganisation[]>;
  findBySiren(siren: string): Promise<DirectoryOrganisation[]>;
  list(
    filter: DirectoryFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: DirectoryOrganisation[] }>;
  /** Addresses of an organisation's registered members (active), by organisation id. */
  contactEmails(ids: number[]): Promise<Map<number, string[]>>;
  /** Addresses of an organisation's professional contacts (its contact list), by organisation id. */
  contactAddresses(ids: number[]): Promise<Map<number, string[]>>;
  /** The networks of authorities (France urbaine, Les Interconnectés…), by name. */
  networks(): Promise<{ id: number; name: string }[]>;
  /** Ids of the member organisations of a network. */
  networkMemberIds(networkId: number): Promise<number[]>;
  /** The page where coordinators add an organisation's contacts. */
  contactsPage(organisationId: number): string;
  /** Names of départements and régions by code. */
  divisions(): Promise<{ departements: Map<string, string>; regions: Map<string, string> }>;
  /** The régions, in the order of the directory's lists (campaign form). */
  regions(): Promise<{ code: string; name: string }[]>;
}

/** Creating a draft use case that follows the library's review workflow. */
export interface LibraryDrafts {
  createDraft(input: {
    organisationId: number;
    content: UseCaseDraftContent;
    actorUserId: number | null;
    /** Where the draft comes from, for the use case's history (« Recensement 2025, réponse n° 12 »). */
    source: string;
    /** The census response it comes from. */
    origin: { kind: 'census_response'; id: number };
  }): Promise<{ id: number; url: string }>;
}

/** Creating a draft participation initiative from a participation census response (participation module). */
export interface ParticipationDrafts {
  /** Whether responses to this form can become draft initiatives. */
  mapsToInitiative(form: Form): boolean;
  /** The initiative already drafted from this response, if any. */
  initiativeOfResponse(responseId: number): Promise<{ id: number; url: string } | null>;
  /** Creates the draft once per response (`created` false when it already had one); the caller has authorised it. */
  draftFromCensus(input: {
    responseId: number;
    organisationId: number;
    form: Form;
    answers: Answers;
    actorUserId: number | null;
    source: string;
  }): Promise<{ id: number; url: string; created: boolean }>;
}

export interface QuestionnairesPorts {
  organisations: OrganisationDirectory;
  /** Optional: without it, the one-click draft answers « the library is not available » (503). */
  library?: LibraryDrafts;
  /** Optional: without it, participation census responses offer no draft initiative. */
  participation?: ParticipationDrafts;
}
