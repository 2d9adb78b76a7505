// Stands in for @kubernetes/client-node in the executable's main script. The real module is bundled
// separately and embedded as a SEA asset (see sea.mjs): compiling it costs ~200 ms, which this defers
// from process start (before the handshake) to its first use.
const { getAsset } = require('node:sea');

const source = getAsset('kubernetes-client-node.cjs', 'utf8');
const loaded = { exports: {} };
new Function('module', 'exports', 'require', source)(loaded, loaded.exports, require);
module.exports = loaded.exports;
