// The operator workspace's suites: unit tests next to the code, integration tests under test/.

/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.node.shared'),
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/runtimes'],
  testTimeout: 60000,
};
