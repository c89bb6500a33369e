module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js'],
  // Whole stacks start in these tests; each case waits on real scrapes, evaluations and deliveries.
  testTimeout: 120_000,
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
};
