// Node-side test suites (contract, rules, backend, tests/*). The frontend keeps the scaffolded jest.config.js.

/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.node.shared'),
  roots: [
    '<rootDir>/contract',
    '<rootDir>/rules',
    '<rootDir>/dashboards',
    '<rootDir>/backend',
    '<rootDir>/tests',
    '<rootDir>/local',
  ],
  testTimeout: 30000,
};
