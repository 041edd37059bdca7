/**
 * Events for cross-module effects. A module emits an event inside the transaction that makes it true (so the event
 * exists if and only if the change was committed); every module that subscribed gets it as a job of its own, run
 * by the job queue with its retries. No module calls another's internals to react to something.
 *
 * Each event is declared once, by the module that emits it, by augmenting `EventMap` in its `events.ts`:
 *
 *   declare module '../../platform/events/events.ts' {
 *     interface EventMap { 'questionnaires.response_submitted': { responseId: number } }
 *   }
 *
 * Names are `<emitting module>.<past participle>`; payloads are small JSON (ids, not records: the handler reads
 * the current state through the emitter's public API).
 */
import type { Db } from '../db/database.ts';
import type { JobHandlers, JobQueue } from '../jobs/queue.ts';

// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging.
export interface EventMap {}
export type EventName = keyof EventMap & string;
export type EventHandler<K extends EventName> = (payload: EventMap[K]) => Promise<void>;
/** What a module subscribes to: one handler per event name. */
export type EventSubscriptions = { [K in EventName]?: EventHandler<K> };

export interface EventBus {
  /** Records the event for every subscriber, as jobs written with `trx` (commit with the change, or not at all). */
  emit<K extends EventName>(name: K, payload: EventMap[K], trx: Db): Promise<void>;
  /** Wiring time: `module` handles these events (see the module definition's `events`). */
  subscribe(module: string, handlers: EventSubscriptions): void;
  /** The job handlers that deliver events to their subscribers (merged into the job worker's handlers). */
  jobHandlers(): JobHandlers;
}

/** The job type that delivers `event` to `module`: `event:<event>:<module>`. */
export const eventJobType = (event: string, module: string) => `event:${event}:${module}`;

export function createEventBus(jobs: JobQueue): EventBus {
  const subscribers = new Map<string, { module: string; handler: (payload: any) => Promise<void> }[]>();
  return {
    async emit(name, payload, trx) {
      for (const { module } of subscribers.get(name) ?? []) {
        await jobs.enqueue(eventJobType(name, module), payload, {}, trx);
      }
    },
    subscribe(module, handlers) {
      for (const [name, handler] of Object.entries(handlers)) {
        if (!handler) continue;
        const list = subscribers.get(name) ?? [];
        if (list.some((s) => s.module === module)) throw new Error(`${module} s'abonne deux fois à ${name}`);
        list.push({ module, handler: handler as (payload: any) => Promise<void> });
        subscribers.set(name, list);
      }
    },
    jobHandlers() {
      const handlers: JobHandlers = {};
      for (const [name, list] of subscribers) {
        for (const { module, handler } of list) handlers[eventJobType(name, module)] = handler;
      }
      return handlers;
    },
  };
}
