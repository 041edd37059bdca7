/**
 * What citizens' voice needs from other modules, as plain functions (wired in src/modules/index.ts).
 */

/** A published target (sheet or initiative) as the ports give it; null for anything not published. */
export interface PublishedTarget {
  id: number;
  title: string;
  organisationId: number;
  path: string;
}

export interface VoicePorts {
  /** Published library sheets. */
  useCases: { findPublished(id: number): Promise<PublishedTarget | null> };
  /** Published participation initiatives (absent until the participation module is wired: no initiative exists). */
  initiatives?: { findPublished(id: number): Promise<PublishedTarget | null> };
  organisations: {
    /** Names of organisations by id (« Réponse officielle de Ville de Nantes »). */
    names(ids: readonly number[]): Promise<Map<number, string>>;
    /** An organisation's id by its stable code (demo seed). */
    idByCode(code: string): Promise<number | null>;
  };
  people: {
    /** Addresses of accounts (mail to followers and authors); disabled accounts are left out. */
    emails(ids: readonly number[]): Promise<Map<number, string>>;
    /**
     * Who hears of messages waiting for moderation on an authority's pages: the addresses of its active editors, or,
     * when it has none, of the network's coordinators (disabled accounts left out).
     */
    moderatorEmails(organisationId: number): Promise<string[]>;
    /** Demo seed: the id of an account by address, created when missing (role user, no password). */
    ensureUser(email: string, name: string): Promise<number>;
  };
  /** Demo seed: published sheets of an organisation. */
  sheetsOf(organisationId: number, limit: number): Promise<number[]>;
}
