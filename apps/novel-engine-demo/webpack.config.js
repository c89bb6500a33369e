module.exports = require('../../tools/webpack/neo-node-app')(__dirname, 'novel-engine-demo');
