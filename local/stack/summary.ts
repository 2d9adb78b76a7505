// The one block `npm start` prints once everything is up.
import type { StackOptions } from './options';
import type { RunningStack } from './stack';

export function summary(stack: RunningStack, options: StackOptions, demoNamespace: string): string {
  const traffic =
    options.examples && options.trafficSeconds > 0
      ? `traffic to them for ${Math.round(options.trafficSeconds / 60)} min`
      : 'no traffic (--traffic 0)';
  const looking = options.examples
    ? `the demo functions of examples/ in namespace ${demoNamespace}, built and served by the local node, with ${traffic}`
    : 'an empty cluster with the operator running (--no-examples)';
  return [
    '',
    'Knative Lambda is running on 127.0.0.1',
    `  App          ${stack.appUrl}   (switch Viewer / Editor / Admin in the top bar)`,
    `  Prometheus   ${stack.prometheusUrl}`,
    `  Kubernetes   export KUBECONFIG=${stack.kubeconfigPath}`,
    `               ${stack.kubectl.path} get lf -A`,
    `  State        ${stack.paths.root}   (component logs in logs/)`,
    `  You see      ${looking}.`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}
