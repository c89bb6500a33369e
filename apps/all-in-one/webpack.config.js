// The launcher needs no package.json of its own: it runs from the repository's node_modules.
module.exports = require('../../tools/webpack/neo-node-app')(__dirname, 'all-in-one', {
  generatePackageJson: false,
});
