// CloudEvent types the function trigger accepts. Runtimes reply with `io.knative.lambda.response.*` and no
// subject (runtimes/nodejs/src/reply.ts), so the trigger filter below can never match a function's own replies.
export const INVOKE_EVENT_TYPE = 'io.knative.lambda.invoke';
