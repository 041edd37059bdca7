/**
 * What responsible AI needs from other modules, as plain functions (wired in src/modules/index.ts).
 */
import type { Actor } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { AiActCategory } from './ai-act.ts';

/** A library sheet as this module needs it (from the stored record: never shown as such). */
export interface SheetRef {
  id: number;
  slug: string;
  organisationId: number;
  /** Library workflow state: published and archived sheets are public. */
  state: string;
  title: string;
  aiActRiskCategory: string | null;
}

/** A sheet's content as the reader may see it (the library's presenter decides), for the transparency notice. */
export interface PresentedSheet {
  id: number;
  organisation: { id: number; name: string };
  content: Record<string, unknown>;
}

/** A published sheet of the network, public fields only. */
export interface NetworkSheet {
  id: number;
  slug: string;
  title: string;
  organisationName: string;
  /** The authority's type code (« commune », « departement »…), null when unknown. */
  organisationType: string | null;
  theme: string | null;
  /** Its public « retour d'expérience » texts, with the field's label. */
  lessons: { label: string; text: string }[];
}

export interface EthicsPorts {
  useCases: {
    /** The stored sheet, whatever its state (null when absent). */
    find(id: number): Promise<SheetRef | null>;
    /** The sheet as `actor` may see it (404 when they may not). */
    present(actor: Actor, id: number): Promise<PresentedSheet>;
    /** Sets the sheet's AI Act category (the library authorises: the sheet's writers). */
    setAiActCategory(actor: CurrentUser, id: number, category: AiActCategory): Promise<void>;
    /** The address of a sheet's page. */
    path(sheet: { id: number; slug: string }): string;
    /** The published sheets among `ids` (in one read), with their title, page and authority's name. */
    publishedLinks(
      ids: readonly number[],
    ): Promise<{ id: number; title: string; path: string; authorityName: string | null }[]>;
  };
  /** The network's public sheets (the evidence of the « conditions de réussite »). */
  network: {
    /** Every published sheet as an anonymous visitor sees it. */
    publicSheets(): Promise<NetworkSheet[]>;
    /** The library's change counter: moves whenever a sheet changes (a cheap read; the evidence's cache key). */
    version(): Promise<number>;
  };
  /** The demo content (demo mode only). */
  demo: {
    /** Ids of the published sheets of the authority with this code (« commune:44109 »), at most `limit`. */
    publishedSheetsOf(code: string, limit: number): Promise<number[]>;
  };
}
