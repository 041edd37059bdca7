/**
 * What participation needs from other modules, as plain functions (wired in src/modules/index.ts).
 */
import type { VNode } from 'preact';
import type { CurrentUser } from '../../platform/auth/user.ts';

/** An authority as participation shows it, with what the facets and the map read. */
export interface OrganisationRef {
  id: number;
  code: string;
  name: string;
  type: string;
  inseeCode: string | null;
  siren: string | null;
  departementCode: string | null;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A library sheet as participation shows it. */
export interface SheetRef {
  id: number;
  title: string;
  path: string;
  organisationId: number;
  published: boolean;
}

export interface ParticipationPorts {
  organisations: {
    findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
    /** French label of an organisation type (« Commune »). */
    typeLabel(type: string): string;
    /** Names of départements and régions by code. */
    divisions(): Promise<{ departements: Map<string, string>; regions: Map<string, string> }>;
    /** The demo authority (seed). */
    findByCode(code: string): Promise<OrganisationRef | null>;
    /** Addresses of the authority's active members (told when their initiative is returned or published). */
    memberEmails(organisationId: number): Promise<string[]>;
  };
  people: {
    /** Addresses of the network's coordinators (told when an initiative is sent for review). */
    coordinatorEmails(): Promise<string[]>;
  };
  useCases: {
    /** These sheets, whatever their state (absent ones are left out). */
    findByIds(ids: readonly number[]): Promise<SheetRef[]>;
    /** Some published sheets (the demo seed links a few to commitments). */
    published(limit: number): Promise<SheetRef[]>;
  };
  /** « Contributions citoyennes » under a published initiative (voice module); absent: no section. */
  voice?: {
    threadView(
      kind: 'initiative',
      id: number,
      user: CurrentUser | null,
      query: Record<string, unknown>,
    ): Promise<VNode | null>;
  };
}
