const nxPreset = require('@nx/jest/preset').default;

// Type errors are caught once by `npm run typecheck`; with isolatedModules (tsconfig.base.json) ts-jest only
// transpiles each spec, which keeps the suite fast.
module.exports = {
  ...nxPreset,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
};
