/**
 * What commons need from other modules, as plain functions (wired in src/modules/index.ts).
 */
import type { CurrentUser } from '../../platform/auth/user.ts';

/** An organisation as commons show it. */
export interface OrganisationRef {
  id: number;
  code: string;
  name: string;
  type: string;
  siren: string | null;
}

/** A library sheet as commons show it (public sheets only). */
export interface SheetRef {
  id: number;
  title: string;
  path: string;
  organisationId: number;
}

export interface CommonsPorts {
  organisations: {
    findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
    findByCode(code: string): Promise<OrganisationRef | null>;
    findBySiren(siren: string): Promise<OrganisationRef[]>;
    /** French label of an organisation type (« Commune »). */
    typeLabel(type: string): string;
    /** A State lab, operator, association or company: shown as a partner beside authorities. */
    isPartner(type: string): boolean;
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
  };
  challenges: {
    /** The challenge an entry came from (« Issu du défi … »), or null. */
    originOf(commonsId: number): Promise<{ id: number; title: string; path: string } | null>;
  };
}
