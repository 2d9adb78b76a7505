import { contractViolations } from './exposition-check';

describe('contractViolations', () => {
  it('accepts an exposition that keeps the contract', () => {
    const text = [
      '# HELP knative_lambda_operator_reconcile_total x',
      'knative_lambda_operator_reconcile_total{phase="Ready",result="success"} 3',
      'knative_lambda_operator_reconcile_duration_seconds_bucket{le="0.5",phase="Ready"} 3',
      'knative_lambda_operator_reconcile_duration_seconds_count{phase="Ready"} 3',
      'knative_lambda_operator_workqueue_depth 0',
      'process_cpu_seconds_total 1.5',
    ].join('\n');
    expect(contractViolations(text, ['operator'])).toEqual([]);
  });

  it('names unknown metrics, missing or extra labels, and values nobody may emit', () => {
    const text = [
      'knative_lambda_operator_reconcile_total{phase="total",result="completed"} 1',
      'knative_lambda_operator_lambdafunctions_total{namespace="a",phase="Ready"} 1',
      'knative_lambda_operator_functions{namespace="a",phase="Ready"} 1',
      'knative_lambda_function_invocations_total{function="f",namespace="n",runtime="go",status="success"} 1',
    ].join('\n');
    expect(contractViolations(text, ['operator'])).toEqual([
      'knative_lambda_operator_reconcile_total{phase="total"} is outside the contract\'s values',
      'knative_lambda_operator_reconcile_total{result="completed"} is outside the contract\'s values',
      'knative_lambda_operator_lambdafunctions_total is not a contract metric of operator',
      'knative_lambda_operator_functions has labels {namespace,phase}, the contract says {namespace,phase,runtime}',
      'knative_lambda_function_invocations_total is not a contract metric of operator',
    ]);
  });
});
