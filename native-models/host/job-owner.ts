/**
 * Who asked for a model call: the server runs each window's requests as that window, and the
 * host client takes turns between owners (model-host-client.ts), so one window's 200 queued
 * jobs do not keep another window's ask waiting behind all of them. Calls made outside any
 * window (the background captioner, the CLI) share one owner.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const owners = new AsyncLocalStorage<object>();
const NOBODY = {};

export function runAsOwner<T>(owner: object, work: () => T): T {
  return owners.run(owner, work);
}

export function currentOwner(): object {
  return owners.getStore() ?? NOBODY;
}

/**
 * The queued job to run next: the oldest of the owner served longest ago (or never), so owners
 * take turns and each owner's own calls keep their order.
 */
export function nextInTurn<T extends { owner: object }>(queue: readonly T[], lastServed: WeakMap<object, number>): number {
  let best = 0;
  for (let index = 1; index < queue.length; index++) {
    const served = lastServed.get((queue[index] as T).owner) ?? -1;
    if (served < (lastServed.get((queue[best] as T).owner) ?? -1)) best = index;
  }
  return best;
}
