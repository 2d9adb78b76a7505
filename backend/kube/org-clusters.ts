// Cluster access per Grafana org, rebuilt when the org's app settings change (lastUpdatedMS); the orgs'
// LambdaFunction watch caches are shared between orgs of identical access (function-stores.ts).
import { logger } from '../log/hclog';
import type { PluginContext } from '../protocol/wire-types';
import { kubeAccessSettings, SettingsError } from '../settings/app-settings';
import { OrgSettingsCache } from '../settings/org-settings-cache';
import { allowedByServer, serverPolicy } from '../settings/server-policy';

import { ClusterAccess } from './cluster-access';
import { FunctionStores } from './function-stores';
import { LAMBDA_PLURAL } from './lambda-functions';

export type OrgCluster = ClusterAccess | SettingsError;

export class OrgClusters {
  private readonly cache = new OrgSettingsCache<OrgCluster>((old) =>
    old instanceof ClusterAccess ? old.stop() : undefined
  );

  /** the watch caches the orgs hold, one per distinct access */
  readonly functionStores: FunctionStores;

  constructor(onWatchEvent: (resource: string) => void) {
    this.functionStores = new FunctionStores(() => onWatchEvent(LAMBDA_PLURAL));
  }

  forContext(context: PluginContext | null | undefined): OrgCluster {
    const orgId = context?.orgId ?? '0';
    const settings = context?.appInstanceSettings;
    return this.cache.get(orgId, settings?.lastUpdatedMS ?? '0', () => {
      try {
        const allowed = allowedByServer(kubeAccessSettings(settings), orgId, serverPolicy());
        const access = new ClusterAccess(allowed, this.functionStores);
        logger.info('kubernetes access configured', { orgId, server: access.server });
        return access;
      } catch (err) {
        if (err instanceof SettingsError) {
          logger.warn('invalid app settings', { orgId, error: err.message });
          return err;
        }
        throw err;
      }
    });
  }

  watchStates(): Map<string, boolean> {
    const states = new Map<string, boolean>();
    // only caches something started: an org that was configured (or health-checked) but never listed
    // functions has no watch that could be down
    const watched = this.functionStores.started();
    if (watched.length > 0) {
      states.set(
        LAMBDA_PLURAL,
        watched.every((store) => store.state === 'synced')
      );
    }
    return states;
  }

  stop(): void {
    this.cache.clear();
  }
}
