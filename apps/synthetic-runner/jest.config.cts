module.exports = {
  displayName: 'synthetic-runner',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/synthetic-runner',
};
