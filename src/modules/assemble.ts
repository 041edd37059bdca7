/**
 * Turns the list of module definitions into what the server, the CLI and the tests use: routes, job handlers
 * (including event deliveries), navigation, hub links, seed, RGPD data, commands, browser page checks.
 * Nothing here knows a particular module.
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerRules } from '../platform/auth/authorize.ts';
import type { CurrentUser } from '../platform/auth/user.ts';
import type { JobHandlers } from '../platform/jobs/queue.ts';
import type {
  Command,
  E2ePage,
  HubLink,
  ModuleDefinition,
  PersonalData,
  SeedOptions,
  WorkGroup,
} from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { NavItem } from '../platform/ui/context.ts';

export interface AssembledModules {
  definitions: ModuleDefinition[];
  /** Each module's public api, by module name (tests and commands reach a module through it). */
  api(name: string): unknown;
  routes: FastifyPluginAsync[];
  jobHandlers: JobHandlers;
  navigation: NavItem[];
  hubLinks: { coordination: HubLink[]; admin: HubLink[] };
  /** Everything waiting for a person across modules, most urgent first, empty groups left out. */
  work(user: CurrentUser): Promise<WorkGroup[]>;
  personalData: { module: string; data: PersonalData }[];
  commands: Record<string, Command>;
  e2ePages: E2ePage[];
  loadUser(id: number): Promise<CurrentUser | null>;
  resolveApiToken?: (token: string) => Promise<CurrentUser | null>;
  /** Reference data of every module first, then (demo mode) demo content, in module order. */
  seed(options: SeedOptions & { demo: boolean }): Promise<void>;
  close(): Promise<void>;
}

export function assembleModules(platform: Platform, definitions: ModuleDefinition[]): AssembledModules {
  const byName = new Map<string, ModuleDefinition>();
  for (const d of definitions) {
    if (byName.has(d.name)) throw new Error(`module déclaré deux fois : ${d.name}`);
    byName.set(d.name, d);
  }

  const jobHandlers: JobHandlers = {};
  const commands: Record<string, Command> = {};
  for (const d of definitions) {
    if (d.rules) registerRules(d.rules);
    if (d.events) platform.events.subscribe(d.name, d.events);
    for (const [type, handler] of Object.entries(d.jobs ?? {})) {
      if (jobHandlers[type]) throw new Error(`type de tâche déclaré deux fois : ${type}`);
      jobHandlers[type] = handler;
    }
    for (const [name, command] of Object.entries(d.commands ?? {})) {
      if (commands[name]) throw new Error(`commande déclarée deux fois : ${name}`);
      commands[name] = command;
    }
  }
  Object.assign(jobHandlers, platform.events.jobHandlers(), platform.housekeeping.jobHandlers());

  const loaders = definitions.map((d) => d.authentication?.loadUser).filter((f) => !!f);
  if (loaders.length > 1) throw new Error('un seul module charge les personnes connectées');
  const tokenResolvers = definitions.map((d) => d.authentication?.resolveApiToken).filter((f) => !!f);
  const resolveApiToken = tokenResolvers.length
    ? async (token: string) => {
        for (const resolve of tokenResolvers) {
          const user = await resolve(token);
          if (user) return user;
        }
        return null;
      }
    : undefined;

  return {
    definitions,
    api(name) {
      const d = byName.get(name);
      if (!d) throw new Error(`module inconnu : ${name}`);
      return d.api;
    },
    routes: definitions.flatMap((d) => d.routes ?? []),
    jobHandlers,
    navigation: definitions
      .flatMap((d) => d.navigation ?? [])
      .sort((a, b) => a.order - b.order)
      .map(({ href, label }) => ({ href, label })),
    hubLinks: {
      coordination: definitions.flatMap((d) => d.hubLinks?.coordination ?? []),
      admin: definitions.flatMap((d) => d.hubLinks?.admin ?? []),
    },
    async work(user) {
      const groups = (await Promise.all(definitions.map((d) => d.work?.(user) ?? []))).flat();
      const firstDue = (g: WorkGroup) => g.items.map((i) => i.due ?? '9999').sort()[0] ?? '9999';
      return groups
        .filter((g) => g.count > 0)
        .sort((a, b) => a.urgency - b.urgency || firstDue(a).localeCompare(firstDue(b)));
    },
    personalData: definitions.flatMap((d) => (d.personalData ? [{ module: d.name, data: d.personalData }] : [])),
    commands,
    e2ePages: definitions.flatMap((d) => d.e2ePages ?? []),
    loadUser: loaders[0] ?? (async () => null),
    resolveApiToken,
    async seed(options) {
      await platform.housekeeping.scheduleToday();
      for (const d of definitions) await d.seed?.reference?.(options);
      if (!options.demo) return;
      for (const d of definitions) await d.seed?.demo?.(options);
    },
    async close() {
      for (const d of [...definitions].reverse()) await d.close?.();
    },
  };
}
