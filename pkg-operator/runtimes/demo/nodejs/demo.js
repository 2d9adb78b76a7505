// Demo handlers for the Node.js wrapper: LAMBDA_HANDLER=demo.<name>. Failures are deterministic (every Nth
// invocation of this process) so tests can compare what Prometheus reports with what really happened.
'use strict';

let flakyCalls = 0;
let timeoutCalls = 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Always succeeds and echoes its input. */
exports.healthy = async (data) => ({ ok: true, echo: data });

/** Every 10th invocation throws: a 10% error rate. */
exports.flaky = async (data) => {
  flakyCalls += 1;
  if (flakyCalls % 10 === 0) {
    throw new Error(`injected failure (invocation ${flakyCalls})`);
  }
  return { ok: true, echo: data };
};

/** Takes 300 ms: its P95 lies in the (0.25, 0.5] duration bucket. */
exports.slow = async () => {
  await sleep(300);
  return { ok: true, slept_ms: 300 };
};

/** Every 5th invocation outlives the function timeout (LAMBDA_TIMEOUT_SECONDS); the others answer at once. */
exports.sometimesTimeout = async (data, context) => {
  timeoutCalls += 1;
  if (timeoutCalls % 5 === 0) {
    await sleep(context.deadline - Date.now() + 500);
  }
  return { ok: true };
};
