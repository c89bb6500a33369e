// The webpack build every NEO Node app shares: one CommonJS bundle at dist/apps/<app>/main.js, node_modules
// left external, a generated package.json for deployment images.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = function neoNodeApp(appDir, app, { generatePackageJson = true } = {}) {
  return {
    output: {
      path: join(appDir, '../../dist/apps', app),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson,
        sourceMap: true,
      }),
    ],
  };
};
