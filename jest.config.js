// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const scaffold = require('./.config/jest.config');
const swc = scaffold.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...scaffold,
  // d3-color and friends ship .mjs only: the same swc transform handles them.
  transform: { ...scaffold.transform, '^.+\\.mjs$': swc },
};
