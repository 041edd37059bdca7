/**
 * The one shape of a module, as the application sees it. A module's `index.ts` exports one factory
 * `create<Name>Module(platform, ports)` returning a `ModuleDefinition` (plus `api`, the typed surface other modules'
 * ports are wired to in src/modules/index.ts). The server, the CLI, the seed, the coordination hub, the RGPD export
 * and the e2e page list all read these definitions: adding a module is one line in the module list plus its
 * migration.
 *
 * A factory only builds closures: it never touches the database (the CLI builds the modules to list their commands).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Page } from 'playwright-core';
import type { RuleSet } from './auth/authorize.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { EventSubscriptions } from './events/events.ts';
import type { JobHandlers } from './jobs/queue.ts';
import type { NavItem } from './ui/context.ts';

/** A command of `bibliotheque-ia`: options follow node:util parseArgs; `run` returns the process exit code. */
export interface Command {
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean'; short?: string; description: string; multiple?: boolean }>;
  run(values: Record<string, any>, positionals: string[]): Promise<number>;
}

/** A command's wrong use (missing or bad option): the CLI prints the message and the command's help, exit 2. */
export class UsageError extends Error {}

/** A link on the coordination hub (/coordination) or the administration page (/admin). */
export interface HubLink {
  href: string;
  label: string;
  description: string;
}

/** One thing waiting for a person, on « Mon espace ». */
export interface WorkItem {
  title: string;
  /** The exact place where the person acts. */
  href: string;
  /** A line of context: the reviewer's comment, the authority, the deadline in words… */
  detail?: string | null;
  /** ISO deadline, when there is one (the most urgent first). */
  due?: string | null;
}

/** A kind of task waiting for a person (« Fiches à relire »), with its count and its first items. */
export interface WorkGroup {
  key: string;
  label: string;
  /** How many in all (items may list only the first ones). */
  count: number;
  items: WorkItem[];
  /** The page listing them all; a coordination hub card with the same address shows this count. */
  href: string;
  /** 0 = most urgent (a deadline to meet), then 1 (someone waits for the person's answer), 2, 3… */
  urgency: number;
}

export interface SeedOptions {
  log: (line: string) => void;
}

/** The roles a browser test visits pages as (the demo accounts, README). */
export type Persona = 'visitor' | 'member' | 'editor' | 'coordinator' | 'admin';

/** What a page check may ask of the running test site (test/e2e/harness.ts implements it). */
export interface E2eSite {
  url: string;
  db: Db;
  /** The module definitions' `api`s, by module name. */
  api(module: string): any;
  persona(persona: Exclude<Persona, 'visitor'>): Promise<{ id: number; email: string }>;
  /** Mails sent, newest first (`to`: the recipients' addresses). */
  outbox(): { id: string; to: string[]; subject: string; text: string }[];
  waitForMail(
    match: (mail: { to: string[]; subject: string; text: string }) => boolean,
    what: string,
  ): Promise<{ to: string[]; subject: string; text: string }>;
}

/** One page type checked in a real browser (axe, landmarks, skip link, CSP): see test/e2e/page-suite.ts. */
export interface E2ePage {
  name: string;
  /** Path to open, or a function finding one on the running site (seeded with the demo content). */
  path: string | ((site: E2eSite, persona: Persona) => Promise<string>);
  /** Who opens it (default: the visitor only). */
  as?: Persona[];
  /** Expected HTTP status (default 200, without redirect). */
  status?: number;
  /** Something a person does before the check (e.g. submit an empty form to see the error summary). */
  act?: (page: Page) => Promise<void>;
  /** axe rules switched off on this page, each with a reason (keep it empty: fix the page instead). */
  disableRules?: string[];
}

/** A person's data held by a module (RGPD): exported on request, erased with the account. */
export interface PersonalData {
  /** Plain JSON-able data about `userId`, under the module's name in the export. */
  export(userId: number): Promise<unknown>;
  /** Erases or anonymises what the module holds about `userId`, inside the account deletion's transaction. */
  erase(userId: number, trx: Db): Promise<void>;
}

export interface ModuleDefinition<Api = unknown> {
  /** Lower-case English name, the folder's name (`library`, `questionnaires`). */
  name: string;
  /** The typed public surface other modules' ports are wired to (src/modules/index.ts). */
  api: Api;
  /** Fastify plugins with this module's routes (each route declares its schema and `config.access`). */
  routes?: FastifyPluginAsync[];
  /** Background job handlers, by job type `<module>.<verb>_<object>` (e.g. `library.send_mail`). */
  jobs?: JobHandlers;
  /** Handlers of other modules' events (delivered as jobs; see platform/events). */
  events?: EventSubscriptions;
  /** Authorisation rules of this module's actions (see platform/auth/authorize.ts). */
  rules?: RuleSet;
  /** Main navigation entries; `order` sorts them across modules. */
  navigation?: (NavItem & { order: number })[];
  /** Links on the coordination hub and the administration page. */
  hubLinks?: { coordination?: HubLink[]; admin?: HubLink[] };
  /** What waits for this person in this module (« Mon espace »); empty groups are left out by the page. */
  work?(user: CurrentUser): Promise<WorkGroup[]>;
  /** Reference data every site needs (run at start when missing), then demo content (demo mode only). */
  seed?: { reference?(options: SeedOptions): Promise<unknown>; demo?(options: SeedOptions): Promise<unknown> };
  personalData?: PersonalData;
  /** Commands of `bibliotheque-ia` (`<module>:<verb>` names, except the historic `import`/`export`). */
  commands?: Record<string, Command>;
  /** Page types checked in the browser test suite. */
  e2ePages?: E2ePage[];
  /** Who is signed in: a session's user (accounts) or an API token's (library). */
  authentication?: {
    loadUser?(id: number): Promise<CurrentUser | null>;
    resolveApiToken?(token: string): Promise<CurrentUser | null>;
  };
  /** Ends background work (caches being built…) before the database closes. */
  close?(): Promise<void>;
}
