/** The demo functions of examples/ and what the Functions page must say about each (their YAML says why). */
export const DEMO_NAMESPACE = 'lambda-demo';

export const EXPECTED_STATES: Record<string, string[]> = {
  'hello-python': ['Healthy'],
  'checkout-nodejs': ['Failing'],
  'report-python': ['Failing'],
  'resize-go': ['Healthy'],
  'payments-python': ['Degraded'],
  'nightly-go': ['Idle'],
  'broken-go': ['Failed'],
  'metadata-python': ['Rejected'],
};

export const DEMO_RUNTIMES: Record<string, string> = {
  'hello-python': 'python',
  'checkout-nodejs': 'nodejs',
  'report-python': 'python',
  'resize-go': 'go',
  'payments-python': 'python',
  'nightly-go': 'go',
  'broken-go': 'go',
  'metadata-python': 'python',
  'burst-nodejs': 'nodejs',
};
