// DeployReady: the Knative Service of the function. Applied (server-side apply) only when the cached Service
// differs from the desired one; readiness is read from the Service's own status on every pass, so a
// transient Service failure never leaves the function stuck in Failed.
import { knativeService, specHashOf } from '../deploy/knative-service';
import { serviceState } from '../deploy/service-state';
import { RESOURCES } from '../kube/resources';

import { announce, EVENT_REASONS, normal } from './announce';
import type { Pass, ReconcileDeps } from './context';
import { attributeTo } from './invalid-request';
import { REASONS } from './reasons';
import { foreignServiceMessage, lookUpService } from './service-ownership';
import { storedCondition } from './status-draft';

/** true once the Service is ready */
export async function deployStep(deps: ReconcileDeps, pass: Pass, image: string): Promise<boolean> {
  const { fn, draft } = pass;
  const name = fn.metadata.name ?? '';
  const desired = knativeService(fn, image);
  const lookup = await lookUpService(deps, fn);
  if (lookup.state === 'foreign') {
    draft.phase = 'Failed';
    draft.setCondition('DeployReady', 'False', REASONS.serviceNotOwned, foreignServiceMessage(fn));
    draft.setCondition('Ready', 'False', REASONS.serviceNotOwned, foreignServiceMessage(fn));
    return false;
  }
  const current = lookup.state === 'owned' ? lookup.service : undefined;
  draft.status.service = { ...draft.status.service, name };
  const outdated = !current || specHashOf(current) !== specHashOf(desired);
  if (outdated) {
    await deps.kube.apply('knativeServicesWrite', RESOURCES.knativeService, desired).catch((err: unknown) => {
      throw attributeTo(err, 'deploy', 'service_failed');
    });
  }
  // the first pass that records this generation's Service (the apply itself may have been made by an attempt
  // whose status write conflicted)
  if (storedCondition(fn, 'DeployReady')?.observedGeneration !== fn.metadata.generation) {
    const note = `Knative Service ${name} applied with image ${image}`;
    announce(deps, pass, normal(EVENT_REASONS.deployed, 'Deploy', note));
  }
  if (outdated) {
    draft.phase = 'Deploying';
    draft.status.service = { name, ready: false };
    draft.setCondition('DeployReady', 'Unknown', REASONS.deploying, `Knative Service ${name} applied`);
    draft.setCondition('Ready', 'False', REASONS.deploying, 'the function is being deployed');
    return false;
  }
  const state = serviceState(current);
  if (state.state === 'ready') {
    draft.status.service = { name, url: state.url, latestReadyRevision: state.latestReadyRevision, ready: true };
    draft.setCondition('DeployReady', 'True', REASONS.serviceReady, `serving at ${state.url ?? '(no URL yet)'}`);
    return true;
  }
  draft.status.service = { ...draft.status.service, ready: false };
  if (state.state === 'failed') {
    const before = storedCondition(fn, 'DeployReady');
    draft.phase = 'Failed';
    draft.setCondition('DeployReady', 'False', state.reason, state.message);
    draft.setCondition('Ready', 'False', state.reason, `Knative Service ${name}: ${state.message}`);
    if (before?.status !== 'False' || fn.status?.phase !== 'Failed') {
      pass.effects.push(() => deps.metrics.error('deploy', 'service_failed'));
    }
    return false;
  }
  draft.phase = 'Deploying';
  draft.setCondition('DeployReady', 'Unknown', state.reason, state.message);
  draft.setCondition('Ready', 'False', REASONS.deploying, state.message);
  return false;
}
