// The LambdaFunction watch caches, one per distinct access (access-identity.ts) and shared by every org whose
// settings resolve to it: orgs pointing at the same cluster with the same credentials and namespaces hold one
// copy of the summaries and one watch. Orgs whose credentials differ never share (a different token may see
// less). Reference-counted: the last org to let go (its settings changed, or the backend stops) stops the watch.
import type { KubeConfig } from '@kubernetes/client-node';

import type { FunctionSummary } from '../api/types';
import { functionSummary } from '../resources/function-view';

import { accessIdentity } from './access-identity';
import { LambdaFunctionStore } from './lambda-functions';

export type FunctionStore = LambdaFunctionStore<FunctionSummary>;

/** one org's hold on a shared store; release() is idempotent */
export interface FunctionStoreLease {
  store: FunctionStore;
  release: () => void;
}

interface Shared {
  store: FunctionStore;
  holders: number;
}

export class FunctionStores {
  private readonly shared = new Map<string, Shared>();

  constructor(private readonly onEvent: () => void) {}

  acquire(kc: KubeConfig, namespaces: string[] | null): FunctionStoreLease {
    const identity = accessIdentity(kc, namespaces);
    let entry = this.shared.get(identity);
    if (!entry) {
      entry = { store: new LambdaFunctionStore(kc, namespaces, this.onEvent, functionSummary), holders: 0 };
      this.shared.set(identity, entry);
    }
    const held = entry;
    held.holders++;
    let released = false;
    const release = () => {
      if (released) {
        return;
      }
      released = true;
      held.holders--;
      if (held.holders === 0) {
        held.store.stop();
        this.shared.delete(identity);
      }
    };
    return { store: held.store, release };
  }

  /** how many distinct stores some org holds */
  get size(): number {
    return this.shared.size;
  }

  /** the stores something started (an unstarted one is not a watch that is down) */
  started(): FunctionStore[] {
    return [...this.shared.values()].map((s) => s.store).filter((store) => store.isStarted);
  }
}
