// Stands in for optional modules that dependencies try to require() inside try/catch (bufferutil,
// utf-8-validate, encoding): a single executable cannot load them, so they fail the way "not installed" does.
throw Object.assign(new Error('optional module not bundled into the backend executable'), { code: 'MODULE_NOT_FOUND' });
