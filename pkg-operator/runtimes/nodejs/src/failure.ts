import type { FunctionErrorType, InvocationStatus } from '../../../../contract';

/** Why an invocation did not succeed; carries the contract's error_type and the HTTP status of the reply. */
export class InvocationFailure extends Error {
  constructor(
    readonly errorType: FunctionErrorType,
    message: string,
    readonly httpStatus = defaultHttpStatus(errorType)
  ) {
    super(message);
  }

  get status(): InvocationStatus {
    return this.errorType === 'timeout' ? 'timeout' : 'error';
  }
}

function defaultHttpStatus(errorType: FunctionErrorType): number {
  switch (errorType) {
    case 'validation':
      return 400;
    case 'timeout':
      return 504;
    default:
      return 500;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
