/**
 * What challenges need from other modules, as plain functions (wired in src/modules/index.ts).
 */
import type { CurrentUser } from '../../platform/auth/user.ts';

/** An organisation as challenges show it. */
export interface OrganisationRef {
  id: number;
  code: string;
  name: string;
  type: string;
}

/** A library sheet as challenges show it (published sheets only). */
export interface SheetRef {
  id: number;
  title: string;
  path: string;
  organisationId: number;
}

export interface ChallengesPorts {
  organisations: {
    findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
    findByCode(code: string): Promise<OrganisationRef | null>;
    /** Organisations of one type (the demo seed finds the State labs), by name. */
    ofType(type: string, limit: number): Promise<OrganisationRef[]>;
    /** French label of an organisation type (« Commune »). */
    typeLabel(type: string): string;
    /** A State lab, operator, association or company: joins as a partner. */
    isPartner(type: string): boolean;
    /** The addresses of the active editors of these bodies (news and stage changes are mailed to them). */
    editorEmails(organisationIds: readonly number[]): Promise<string[]>;
    /** The addresses of the registered contacts of these bodies (invitations reach them too). */
    contactEmails(organisationIds: readonly number[]): Promise<string[]>;
    /** « Contacter l'équipe »: writes to the editors of these bodies (organisations api `contactEditors`). */
    contactEditors(
      actor: CurrentUser | null,
      target: { kind: string; id: number; title: string; path: string; organisationIds: readonly number[] },
      input: { objet?: string; message?: string; site_web?: string },
    ): Promise<number>;
  };
  useCases: {
    /** The published sheets among these ids (others are left out). */
    publishedByIds(ids: readonly number[]): Promise<SheetRef[]>;
    /** The ids of the published sheets of this commons category (the demo seed lists them on its challenges). */
    publishedInCategory(category: string): Promise<number[]>;
  };
  commons: {
    /** A commons entry (the result of a published challenge), or null. */
    find(id: number): Promise<{ id: number; name: string; path: string } | null>;
    /** The first entry with exactly this name (the demo seed), or null. */
    findByName(name: string): Promise<{ id: number; name: string; path: string } | null>;
  };
}
