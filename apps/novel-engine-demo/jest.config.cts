module.exports = {
  displayName: 'novel-engine-demo',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/novel-engine-demo',
};
