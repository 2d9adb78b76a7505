// Image sources skip the build: the policy still checks the reference, then the image is deployed as is.
import type { Pass, ReconcileDeps } from './context';
import { REASONS, STICKY_SOURCE_REASONS } from './reasons';
import { sourceAllowed } from './source-step';
import { storedCondition } from './status-draft';

export async function imageStep(deps: ReconcileDeps, pass: Pass): Promise<string | undefined> {
  const { fn, draft } = pass;
  const image = fn.spec.source.image!;
  const sameGeneration = fn.status?.observedGeneration === fn.metadata.generation;
  const source = storedCondition(fn, 'SourceReady');
  if (sameGeneration && source?.status === 'False' && STICKY_SOURCE_REASONS.includes(source.reason ?? '')) {
    return undefined;
  }
  const checked = sameGeneration && source?.status === 'True';
  if (!checked && !(await sourceAllowed(deps, pass))) {
    return undefined;
  }
  const reference = image.digest
    ? `${image.repository}@${image.digest}`
    : `${image.repository}:${image.tag ?? 'latest'}`;
  draft.status.contentHash = undefined;
  draft.status.build = { image: reference };
  draft.setCondition('SourceReady', 'True', REASONS.imageSource, `prebuilt image ${reference}`);
  draft.setCondition('BuildReady', 'True', REASONS.buildSkipped, 'image sources are not built');
  return reference;
}
